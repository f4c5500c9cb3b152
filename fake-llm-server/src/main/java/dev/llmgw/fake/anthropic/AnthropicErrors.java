package dev.llmgw.fake.anthropic;

import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.JsonContent;
import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Error replies in Anthropic's shape,
 * {@code {"type":"error","error":{"type","message"}}}, with Anthropic's status for each
 * type: an overload is 529, not 503.
 *
 * @see <a href="https://docs.anthropic.com/en/api/errors">Errors</a>
 */
public final class AnthropicErrors {

	private static final String INVALID_REQUEST = "invalid_request_error";

	// the context window of the Claude models
	private static final int CONTEXT_WINDOW = 200000;

	private static final Shape OVERLOADED = new Shape(529, "overloaded_error", "Overloaded");

	private static final byte[] UNAUTHORIZED = body(new Shape(401, "authentication_error", "invalid x-api-key"));

	private AnthropicErrors() {
	}

	static Mono<Void> send(HttpServerResponse response, FakeError error, int retryAfterSeconds, int promptTokens) {
		Replies.retryAfter(response, error, retryAfterSeconds);
		Shape shape = shape(error, promptTokens);
		return Replies.json(response, HttpResponseStatus.valueOf(shape.status()), body(shape));
	}

	/**
	 * The {@code error} event that ends a stream; an overload unless the request named
	 * another failure.
	 */
	static byte[] event(@Nullable FakeError error, int promptTokens) {
		return Json.sseEvent("error", content((error != null) ? shape(error, promptTokens) : OVERLOADED));
	}

	/**
	 * A 400 {@code invalid_request_error}; also how Vertex AI refuses a Claude request
	 * body.
	 */
	public static Mono<Void> invalidRequest(HttpServerResponse response, String message) {
		return Replies.json(response, HttpResponseStatus.BAD_REQUEST, body(new Shape(400, INVALID_REQUEST, message)));
	}

	static Mono<Void> unauthorized(HttpServerResponse response) {
		return Replies.json(response, HttpResponseStatus.UNAUTHORIZED, UNAUTHORIZED);
	}

	private static Shape shape(FakeError error, int promptTokens) {
		return switch (error.kind()) {
			case RATE_LIMIT -> new Shape(429, "rate_limit_error",
					"This request would exceed the rate limit for your organization of 50 requests per minute.");
			case INTERNAL_SERVER -> new Shape(500, "api_error", "Internal server error");
			case OVERLOADED -> OVERLOADED;
			case AUTHENTICATION -> new Shape(401, "authentication_error", "invalid x-api-key");
			case PERMISSION -> new Shape(403, "permission_error",
					"Your API key does not have permission to use the specified resource.");
			case NOT_FOUND -> new Shape(404, "not_found_error", "The requested resource could not be found.");
			case TIMEOUT -> new Shape(504, "timeout_error", "Request timed out");
			case BAD_REQUEST -> new Shape(400, INVALID_REQUEST, "Invalid request.");
			case CONTEXT_WINDOW_EXCEEDED -> new Shape(400, INVALID_REQUEST, "prompt is too long: "
					+ (promptTokens + CONTEXT_WINDOW) + " tokens > " + CONTEXT_WINDOW + " maximum");
			// Anthropic has no refusal error of its own; this is what it answers when its
			// output filter stops a reply
			case CONTENT_POLICY -> new Shape(400, INVALID_REQUEST, "Output blocked by content filtering policy");
			case OTHER -> ofStatus(error.status());
		};
	}

	private static Shape ofStatus(int status) {
		String message = "Fake error " + status + ".";
		return switch (status) {
			case 401 -> new Shape(status, "authentication_error", message);
			case 403 -> new Shape(status, "permission_error", message);
			case 404 -> new Shape(status, "not_found_error", message);
			case 413 -> new Shape(status, "request_too_large", "Request exceeds the maximum allowed number of bytes.");
			case 429 -> new Shape(status, "rate_limit_error", message);
			case 504 -> new Shape(status, "timeout_error", message);
			case 529 -> OVERLOADED;
			// Anthropic uses invalid_request_error for any other 4xx
			default -> new Shape(status, (status >= 500) ? "api_error" : INVALID_REQUEST, message);
		};
	}

	private static byte[] body(Shape shape) {
		return Json.write(content(shape));
	}

	private static JsonContent content(Shape shape) {
		return (json) -> {
			json.writeStartObject();
			json.writeStringProperty("type", "error");
			json.writeObjectPropertyStart("error");
			json.writeStringProperty("type", shape.type());
			json.writeStringProperty("message", shape.message());
			json.writeEndObject();
			json.writeEndObject();
		};
	}

	/**
	 * One failure as Anthropic reports it.
	 */
	private record Shape(int status, String type, String message) {
	}

}
