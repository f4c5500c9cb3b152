package dev.llmgw.fake.cohere;

import dev.llmgw.fake.directive.ErrorKind;
import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Error replies in Cohere's shape, {@code {"id","message"}}: the status says what failed
 * and the message says why.
 *
 * @see <a href="https://docs.cohere.com/reference/errors">Errors</a>
 */
final class CohereErrors {

	// the context window of Command R and R+
	private static final int CONTEXT_WINDOW = 128000;

	private static final byte[] INVALID_TOKEN = body("invalid api token");

	private CohereErrors() {
	}

	static Mono<Void> send(HttpServerResponse response, FakeError error, int retryAfterSeconds, int promptTokens) {
		Replies.retryAfter(response, error, retryAfterSeconds);
		int status = (error.kind() == ErrorKind.TIMEOUT) ? 504 : error.status();
		String message = switch (error.kind()) {
			case RATE_LIMIT ->
				"You are using a Trial key, which is limited to 10 API calls / minute. You can continue to use the "
						+ "Trial key for free or upgrade to a Production key with higher rate limits.";
			case INTERNAL_SERVER -> "internal server error, this has been reported to our developers";
			case OVERLOADED -> "service unavailable";
			case AUTHENTICATION -> "invalid api token";
			case PERMISSION -> "forbidden: your API key does not have access to this resource";
			case NOT_FOUND ->
				"model not found, make sure the correct model ID was used and that you have access to " + "the model.";
			// Cohere has no 408; its gateway answers a model that took too long with 504
			case TIMEOUT -> "gateway timeout";
			case BAD_REQUEST -> "invalid request";
			case CONTEXT_WINDOW_EXCEEDED -> "too many tokens: total number of tokens in the prompt cannot exceed "
					+ CONTEXT_WINDOW + " - received " + (promptTokens + CONTEXT_WINDOW)
					+ ". Try using a shorter prompt, or enabling prompt truncating.";
			case CONTENT_POLICY -> "blocked output: please adjust your prompt and try again, as this request may be "
					+ "prohibited by Cohere's usage policy";
			case OTHER -> "Fake error " + status + ".";
		};
		return Replies.json(response, HttpResponseStatus.valueOf(status), body(message));
	}

	static Mono<Void> invalidRequest(HttpServerResponse response, String message) {
		return Replies.json(response, HttpResponseStatus.BAD_REQUEST, body("invalid request: " + message));
	}

	static Mono<Void> invalidToken(HttpServerResponse response) {
		return Replies.json(response, HttpResponseStatus.UNAUTHORIZED, INVALID_TOKEN);
	}

	private static byte[] body(String message) {
		return Json.write((json) -> {
			json.writeStartObject();
			json.writeStringProperty("id", "fake-error");
			json.writeStringProperty("message", message);
			json.writeEndObject();
		});
	}

}
