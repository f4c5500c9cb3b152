package dev.llmgw.fake.bedrock;

import dev.llmgw.fake.directive.DirectiveParser;
import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /model/{modelId}/invoke} for the embedding and image models, whose bodies
 * InvokeModel passes through in each model's own format. Chat goes through Converse.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html">InvokeModel</a>
 */
public final class BedrockInvokeRoute implements ProviderRoute {

	private static final String MALFORMED = "Malformed input request, please reformat your input and try again.";

	private final FailureCounter failures;

	public BedrockInvokeRoute(FailureCounter failures) {
		this.failures = failures;
	}

	@Override
	public boolean matches(HttpMethod method, String path) {
		return HttpMethod.POST.equals(method) && BedrockPath.matches(path, "invoke");
	}

	@Override
	public Mono<Void> handle(ProviderCall call) {
		HttpServerResponse response = call.response();
		String modelId = BedrockPath.modelId(call.path());
		if (modelId == null) {
			return BedrockErrors.validation(response, "The provided model identifier is invalid.");
		}
		InvokeModels family = InvokeModels.of(DirectiveParser.baseModel(modelId));
		if (family == null) {
			return BedrockErrors.validation(response,
					"The fake answers InvokeModel for Titan and Cohere embeddings and Stability, Titan and Nova "
							+ "Canvas images; use Converse for chat models.");
		}
		JsonNode body;
		try {
			body = Json.read(call.body());
		}
		catch (JacksonException ex) {
			return BedrockErrors.validation(response, MALFORMED);
		}
		int promptTokens = family.promptTokens(body);
		if (promptTokens < 0) {
			return BedrockErrors.validation(response, MALFORMED);
		}
		call.countModel(modelId);
		Directives directives = DirectiveParser.parse(call.request().requestHeaders(), modelId);
		FakeError error = this.failures.errorFor(directives, modelId);
		if (error != null) {
			return Replies.after(directives.latencyMs(),
					() -> BedrockErrors.send(response, error, directives.retryAfterSeconds(), promptTokens));
		}
		byte[] answer = family.answer(body);
		return Replies.after(directives.latencyMs(), () -> Replies.json(response, HttpResponseStatus.OK, answer));
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return BedrockErrors.unrecognizedClient(response);
	}

}
