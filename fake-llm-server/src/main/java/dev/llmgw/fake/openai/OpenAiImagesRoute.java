package dev.llmgw.fake.openai;

import dev.llmgw.fake.directive.DirectiveParser;
import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.ErrorRenderer;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import dev.llmgw.fake.http.Replies;
import dev.llmgw.fake.reply.Words;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/images/generations}, and any path ending in
 * {@code /images/generations}.
 *
 * @see <a href="https://platform.openai.com/docs/api-reference/images/create">Create
 * image</a>
 */
public final class OpenAiImagesRoute implements ProviderRoute {

	private static final String PATH_SUFFIX = "/images/generations";

	// the API's own limit on n (DALL-E 2 and the GPT image models)
	private static final int MAX_IMAGES = 10;

	private final FailureCounter failures;

	private final ErrorRenderer errors;

	public OpenAiImagesRoute(FailureCounter failures) {
		this(failures, OpenAiErrors::send);
	}

	/**
	 * @param errors how simulated failures look, so Azure OpenAI can reuse this route
	 */
	public OpenAiImagesRoute(FailureCounter failures, ErrorRenderer errors) {
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
		JsonNode prompt = body.path("prompt");
		if (!prompt.isString()) {
			return OpenAiErrors.invalidRequest(response, "Missing required parameter: 'prompt'.", "prompt");
		}
		int images = body.path("n").asInt(1);
		if (images < 1 || images > MAX_IMAGES) {
			return OpenAiErrors.invalidRequest(response, "'n' must be between 1 and " + MAX_IMAGES + ".", "n");
		}
		int promptTokens = Math.max(1, Words.count(prompt.stringValue()));
		Directives directives = DirectiveParser.parse(call.request().requestHeaders(), model);
		FakeError error = this.failures.errorFor(directives, model);
		if (error != null) {
			return Replies.after(directives.latencyMs(),
					() -> this.errors.send(response, error, directives.retryAfterSeconds(), promptTokens));
		}
		// the GPT image models always answer base64 and report token usage; DALL-E
		// answers a URL unless asked otherwise
		boolean gptImage = DirectiveParser.baseModel(model).startsWith("gpt-image");
		boolean base64 = gptImage || "b64_json".equals(body.path("response_format").asString("url"));
		ImagesReply reply = new ImagesReply(System.currentTimeMillis() / 1000, images, base64, promptTokens, gptImage);
		return Replies.after(directives.latencyMs(),
				() -> Replies.json(response, HttpResponseStatus.OK, reply.write()));
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return OpenAiErrors.invalidApiKey(response);
	}

}
