package dev.llmgw.fake.gemini;

import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.JsonContent;
import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Error replies in Google's shape, {@code {"error":{"code","message","status"}}}, with
 * the gRPC status names Google uses for each HTTP status and the {@code details} that
 * clients act on (retry delay, invalid key). Vertex AI answers in the same shape, so its
 * routes use this class too.
 *
 * @see <a href="https://ai.google.dev/gemini-api/docs/troubleshooting">Gemini API
 * troubleshooting</a>
 * @see <a href="https://cloud.google.com/apis/design/errors">Google API errors</a>
 */
public final class GeminiErrors {

	private static final String INVALID_ARGUMENT = "INVALID_ARGUMENT";

	// the context window of the Gemini 1.5 and 2.x Flash models
	private static final int CONTEXT_WINDOW = 1048576;

	// an invalid key is a 400, not a 401, in the Gemini API
	private static final byte[] INVALID_KEY = body(400, INVALID_ARGUMENT,
			"API key not valid. Please pass a valid API key.", (json) -> {
				json.writeStartObject();
				json.writeStringProperty("@type", "type.googleapis.com/google.rpc.ErrorInfo");
				json.writeStringProperty("reason", "API_KEY_INVALID");
				json.writeStringProperty("domain", "googleapis.com");
				json.writeEndObject();
			});

	private GeminiErrors() {
	}

	public static Mono<Void> send(HttpServerResponse response, FakeError error, int retryAfterSeconds,
			int promptTokens) {
		Replies.retryAfter(response, error, retryAfterSeconds);
		int retryAfter = error.retryAfterSeconds(retryAfterSeconds);
		int status = status(error);
		String message = switch (error.kind()) {
			case RATE_LIMIT -> "Resource has been exhausted (e.g. check quota).";
			case INTERNAL_SERVER -> "An internal error has occurred. Please retry or report in "
					+ "https://developers.generativeai.google/guide/troubleshooting";
			case OVERLOADED -> "The model is overloaded. Please try again later.";
			case AUTHENTICATION -> "Request had invalid authentication credentials.";
			case PERMISSION -> "The caller does not have permission";
			case NOT_FOUND -> "Requested entity was not found.";
			case TIMEOUT -> "Deadline expired before operation could complete.";
			case BAD_REQUEST -> "Request contains an invalid argument.";
			case CONTEXT_WINDOW_EXCEEDED -> "The input token count (" + (promptTokens + CONTEXT_WINDOW)
					+ ") exceeds the maximum number of tokens allowed (" + CONTEXT_WINDOW + ").";
			case CONTENT_POLICY -> "The request was blocked for safety reasons.";
			case OTHER -> "Fake error " + status + ".";
		};
		// RetryInfo is where Google's clients read how long to wait
		JsonContent retryInfo = (status == 429 && retryAfter > 0) ? (json) -> {
			json.writeStartObject();
			json.writeStringProperty("@type", "type.googleapis.com/google.rpc.RetryInfo");
			json.writeStringProperty("retryDelay", retryAfter + "s");
			json.writeEndObject();
		} : null;
		return Replies.json(response, HttpResponseStatus.valueOf(status),
				body(status, statusName(status), message, retryInfo));
	}

	public static Mono<Void> invalidArgument(HttpServerResponse response, String message) {
		return Replies.json(response, HttpResponseStatus.BAD_REQUEST, body(400, INVALID_ARGUMENT, message, null));
	}

	/**
	 * Any error in Google's shape, with the status name Google gives its code.
	 * @param detail the one entry of {@code details}, or null for none
	 */
	public static Mono<Void> reply(HttpServerResponse response, int code, String message,
			@Nullable JsonContent detail) {
		return Replies.json(response, HttpResponseStatus.valueOf(code), body(code, statusName(code), message, detail));
	}

	static Mono<Void> invalidKey(HttpServerResponse response) {
		return Replies.json(response, HttpResponseStatus.BAD_REQUEST, INVALID_KEY);
	}

	private static int status(FakeError error) {
		return switch (error.kind()) {
			case TIMEOUT -> 504;
			case CONTENT_POLICY -> 400;
			default -> error.status();
		};
	}

	// google.rpc.Code names, by the HTTP status each maps to
	private static String statusName(int status) {
		return switch (status) {
			case 400 -> INVALID_ARGUMENT;
			case 401 -> "UNAUTHENTICATED";
			case 403 -> "PERMISSION_DENIED";
			case 404 -> "NOT_FOUND";
			case 409 -> "ABORTED";
			case 429 -> "RESOURCE_EXHAUSTED";
			case 499 -> "CANCELLED";
			case 501 -> "UNIMPLEMENTED";
			case 503 -> "UNAVAILABLE";
			case 504 -> "DEADLINE_EXCEEDED";
			default -> (status >= 500) ? "INTERNAL" : "FAILED_PRECONDITION";
		};
	}

	private static byte[] body(int code, String status, String message, @Nullable JsonContent detail) {
		return Json.write((json) -> {
			json.writeStartObject();
			json.writeObjectPropertyStart("error");
			json.writeNumberProperty("code", code);
			json.writeStringProperty("message", message);
			json.writeStringProperty("status", status);
			if (detail != null) {
				json.writeArrayPropertyStart("details");
				detail.writeTo(json);
				json.writeEndArray();
			}
			json.writeEndObject();
			json.writeEndObject();
		});
	}

}
