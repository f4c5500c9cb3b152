package dev.llmgw.fake.openai;

import java.util.List;

import dev.llmgw.fake.directive.DirectiveParser;
import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.ErrorRenderer;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import dev.llmgw.fake.http.Replies;
import dev.llmgw.fake.reply.EmbeddingVectors;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/embeddings}, and any path ending in {@code /embeddings}.
 */
public final class OpenAiEmbeddingsRoute implements ProviderRoute {

	private static final String PATH_SUFFIX = "/embeddings";

	// well above any real model's width, low enough that one request cannot exhaust
	// memory
	private static final int MAX_DIMENSIONS = 16384;

	private final FailureCounter failures;

	private final ErrorRenderer errors;

	public OpenAiEmbeddingsRoute(FailureCounter failures) {
		this(failures, OpenAiErrors::send);
	}

	/**
	 * @param errors how simulated failures look, so Azure OpenAI can reuse this route
	 */
	public OpenAiEmbeddingsRoute(FailureCounter failures, ErrorRenderer errors) {
		this.failures = failures;
		this.errors = errors;
	}

	@Override
	public boolean matches(HttpMethod method, String path) {
		return HttpMethod.POST.equals(method) && path.endsWith(PATH_SUFFIX);
	}

	@Override
	public Mono<Void> handle(ProviderCall call) {
		HttpServerResponse response = call.response();
		JsonNode body;
		try {
			body = Json.read(call.body());
		}
		catch (JacksonException ex) {
			return OpenAiErrors.invalidJson(response);
		}
		if (!body.isObject()) {
			return OpenAiErrors.invalidJson(response);
		}
		String model = OpenAiPaths.model(body, call.path());
		call.countModel(model);
		Directives directives = DirectiveParser.parse(call.request().requestHeaders(), model);
		List<EmbeddingInput> inputs = EmbeddingInput.from(body.path("input"));
		if (inputs == null) {
			return OpenAiErrors.invalidRequest(response,
					"'input' must be a string, an array of strings, or an array of token arrays", "input");
		}
		int tokens = Math.max(1, inputs.stream().mapToInt(EmbeddingInput::tokens).sum());
		FakeError error = this.failures.errorFor(directives, model);
		if (error != null) {
			return Replies.after(directives.latencyMs(),
					() -> this.errors.send(response, error, directives.retryAfterSeconds(), tokens));
		}
		int dimensions = body.path("dimensions").asInt(EmbeddingVectors.DEFAULT_DIMENSIONS);
		if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
			return OpenAiErrors.invalidRequest(response, "'dimensions' must be between 1 and " + MAX_DIMENSIONS + ".",
					"dimensions");
		}
		boolean base64 = "base64".equals(body.path("encoding_format").asString("float"));
		EmbeddingsReply reply = new EmbeddingsReply(DirectiveParser.baseModel(model), inputs, dimensions, base64,
				tokens);
		return Replies.after(directives.latencyMs(),
				() -> Replies.json(response, HttpResponseStatus.OK, reply.write()));
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return OpenAiErrors.invalidApiKey(response);
	}

}
