package dev.llmgw.fake.vertex;

import java.nio.charset.StandardCharsets;

import dev.llmgw.fake.anthropic.AnthropicErrors;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Claude on Vertex AI, {@code :rawPredict} and {@code :streamRawPredict}: an Anthropic
 * Messages body with {@code "anthropic_version": "vertex-2023-10-16"} in place of the
 * header and the model in the path rather than the body. The call is handed to the
 * Anthropic Messages route with the path's model put in, and {@code stream} set for
 * {@code :streamRawPredict}, so Claude answers as it does on Anthropic's own API.
 *
 * @see <a href= "https://docs.anthropic.com/en/api/claude-on-vertex-ai">Claude on Vertex
 * AI</a>
 */
final class VertexAnthropic {

	static final String ANTHROPIC_VERSION = "vertex-2023-10-16";

	private static final String STREAM = "streamRawPredict";

	private final ProviderRoute messages;

	/**
	 * @param messages the Anthropic Messages route
	 */
	VertexAnthropic(ProviderRoute messages) {
		this.messages = messages;
	}

	Mono<Void> handle(ProviderCall call, VertexPath path) {
		JsonNode body;
		try {
			body = Json.read(call.body());
		}
		catch (JacksonException ex) {
			return AnthropicErrors.invalidRequest(call.response(),
					"There was an error parsing the body of your request.");
		}
		if (!(body instanceof ObjectNode object)) {
			return AnthropicErrors.invalidRequest(call.response(),
					"There was an error parsing the body of your request.");
		}
		JsonNode version = object.path("anthropic_version");
		if (!version.isString()) {
			return AnthropicErrors.invalidRequest(call.response(), "anthropic_version: Field required");
		}
		if (!ANTHROPIC_VERSION.equals(version.stringValue())) {
			return AnthropicErrors.invalidRequest(call.response(),
					"anthropic_version: Input should be '" + ANTHROPIC_VERSION + "'");
		}
		ObjectNode messages = object.deepCopy();
		messages.put("model", path.model());
		if (STREAM.equals(path.method())) {
			messages.put("stream", true);
		}
		return this.messages.handle(new ProviderCall(call.request(), call.response(), call.path(),
				messages.toString().getBytes(StandardCharsets.UTF_8), call.modelCounter()));
	}

}
