package dev.llmgw.fake.openai;

import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Error replies in OpenAI's shape, {@code {"error":{"message","type","param","code"}}},
 * with the messages, types and codes the OpenAI API uses for each failure.
 */
public final class OpenAiErrors {

	private static final String INVALID_REQUEST = "invalid_request_error";

	private static final String SERVER_ERROR = "server_error";

	private static final byte[] INVALID_JSON = body("We could not parse the JSON body of your request.",
			INVALID_REQUEST, null, null);

	private static final byte[] INVALID_API_KEY = body("Incorrect API key provided.", INVALID_REQUEST, null,
			"invalid_api_key");

	private OpenAiErrors() {
	}

	/**
	 * Answers with a simulated failure; an {@link dev.llmgw.fake.http.ErrorRenderer}.
	 * @param retryAfterSeconds the {@code Retry-After} to send, 0 for the default (1
	 * second on a 429, none otherwise)
	 * @param promptTokens the request's prompt tokens, quoted by the context-length
	 * message
	 */
	public static Mono<Void> send(HttpServerResponse response, FakeError error, int retryAfterSeconds,
			int promptTokens) {
		Replies.retryAfter(response, error, retryAfterSeconds);
		return Replies.json(response, HttpResponseStatus.valueOf(error.status()), body(error, promptTokens));
	}

	public static Mono<Void> invalidJson(HttpServerResponse response) {
		return Replies.json(response, HttpResponseStatus.BAD_REQUEST, INVALID_JSON);
	}

	public static Mono<Void> invalidRequest(HttpServerResponse response, String message, @Nullable String param) {
		return Replies.json(response, HttpResponseStatus.BAD_REQUEST, body(message, INVALID_REQUEST, param, null));
	}

	public static Mono<Void> invalidApiKey(HttpServerResponse response) {
		return Replies.json(response, HttpResponseStatus.UNAUTHORIZED, INVALID_API_KEY);
	}

	public static Mono<Void> notFound(HttpServerResponse response, HttpMethod method, String path) {
		byte[] body = body("Invalid URL (" + method.name() + " " + path + ")", INVALID_REQUEST, null, null);
		return Replies.json(response, HttpResponseStatus.NOT_FOUND, body);
	}

	public static byte[] body(FakeError error, int promptTokens) {
		return switch (error.kind()) {
			case RATE_LIMIT -> body("Rate limit reached for requests", "requests", null, "rate_limit_exceeded");
			case INTERNAL_SERVER ->
				body("The server had an error while processing your request.", SERVER_ERROR, null, null);
			case OVERLOADED ->
				body("The engine is currently overloaded, please try again later", SERVER_ERROR, null, null);
			case AUTHENTICATION -> INVALID_API_KEY;
			case PERMISSION ->
				body("You are not allowed to access this resource.", INVALID_REQUEST, null, "permission_denied");
			case NOT_FOUND -> body("The model does not exist or you do not have access to it.", INVALID_REQUEST, null,
					"model_not_found");
			case TIMEOUT -> body("Request timed out.", SERVER_ERROR, null, null);
			case BAD_REQUEST -> body("Invalid request.", INVALID_REQUEST, null, null);
			case CONTEXT_WINDOW_EXCEEDED ->
				body(contextLengthMessage(promptTokens), INVALID_REQUEST, "messages", "context_length_exceeded");
			case CONTENT_POLICY -> body("Your request was rejected as a result of our safety system.", INVALID_REQUEST,
					null, "content_policy_violation");
			case OTHER -> body("Fake error " + error.status() + ".",
					(error.status() >= 500) ? SERVER_ERROR : INVALID_REQUEST, null, null);
		};
	}

	// the fixed 9000 extra keeps the quoted size above the 8192 limit whatever the prompt
	private static String contextLengthMessage(int promptTokens) {
		return "This model's maximum context length is 8192 tokens. However, your messages resulted in "
				+ (promptTokens + 9000) + " tokens. Please reduce the length of the messages.";
	}

	static byte[] body(String message, String type, @Nullable String param, @Nullable String code) {
		return Json.write((json) -> {
			json.writeStartObject();
			json.writeObjectPropertyStart("error");
			json.writeStringProperty("message", message);
			json.writeStringProperty("type", type);
			json.writeStringProperty("param", param);
			json.writeStringProperty("code", code);
			json.writeEndObject();
			json.writeEndObject();
		});
	}

}
