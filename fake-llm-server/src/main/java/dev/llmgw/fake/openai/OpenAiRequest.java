package dev.llmgw.fake.openai;

import dev.llmgw.fake.directive.DirectiveParser;
import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.ProviderCall;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A JSON request to one of OpenAI's routes as every such route of the fake first reads
 * it: the body, the model (Azure's deployment in the path wins), counted, the directives
 * its headers and model name carry, and the failure they ask for.
 *
 * @param body the parsed body
 * @param model the model asked for
 * @param directives how to answer
 * @param error the failure to answer with, or null
 */
record OpenAiRequest(JsonNode body, String model, Directives directives, @Nullable FakeError error) {

	/**
	 * @param defaultModel the model when the body names none
	 * @return the request, or null when the body is not a JSON object
	 */
	static @Nullable OpenAiRequest read(ProviderCall call, FailureCounter failures, String defaultModel) {
		JsonNode body;
		try {
			body = Json.read(call.body());
		}
		catch (JacksonException ex) {
			return null;
		}
		if (!body.isObject()) {
			return null;
		}
		String deployment = OpenAiPaths.deployment(call.path());
		String model = (deployment != null) ? deployment : body.path("model").asString(defaultModel);
		call.countModel(model);
		Directives directives = DirectiveParser.parse(call.request().requestHeaders(), model);
		return new OpenAiRequest(body, model, directives, failures.errorFor(directives, model));
	}

}
