package dev.llmgw.fake.azure;

import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.Replies;
import dev.llmgw.fake.openai.OpenAiErrors;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JsonGenerator;

/**
 * Azure OpenAI's error replies. Azure answers with its own bodies,
 * {@code {"error":{"code","message"}}}, where its front door fails the call (key, quota,
 * api-version) and for its content filter; everything else comes from the OpenAI model in
 * OpenAI's shape.
 *
 * @see <a href=
 * "https://learn.microsoft.com/en-us/azure/ai-foundry/openai/concepts/content-filter">Azure
 * OpenAI content filtering</a>
 */
public final class AzureErrors {

	private static final byte[] ACCESS_DENIED = frontDoor("401",
			"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key "
					+ "for an active subscription and use a correct regional API endpoint for your resource.");

	private static final byte[] MISSING_API_VERSION = frontDoor("MissingApiVersionParameter",
			"The api-version query parameter (?api-version=) is required for all requests.");

	private static final byte[] CONTENT_FILTER = Json.write((json) -> {
		json.writeStartObject();
		json.writeObjectPropertyStart("error");
		json.writeStringProperty("message",
				"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. "
						+ "Please modify your prompt and retry.");
		json.writeNullProperty("type");
		json.writeStringProperty("param", "prompt");
		json.writeStringProperty("code", "content_filter");
		json.writeNumberProperty("status", 400);
		json.writeObjectPropertyStart("innererror");
		json.writeStringProperty("code", "ResponsibleAIPolicyViolation");
		json.writeObjectPropertyStart("content_filter_result");
		writeCategory(json, "hate", true, "high");
		json.writeObjectPropertyStart("jailbreak");
		json.writeBooleanProperty("filtered", false);
		json.writeBooleanProperty("detected", false);
		json.writeEndObject();
		writeCategory(json, "self_harm", false, "safe");
		writeCategory(json, "sexual", false, "safe");
		writeCategory(json, "violence", false, "safe");
		json.writeEndObject();
		json.writeEndObject();
		json.writeEndObject();
		json.writeEndObject();
	});

	private AzureErrors() {
	}

	/**
	 * Answers a simulated failure; an {@link dev.llmgw.fake.http.ErrorRenderer}.
	 */
	public static Mono<Void> send(HttpServerResponse response, FakeError error, int retryAfterSeconds,
			int promptTokens) {
		return switch (error.kind()) {
			case CONTENT_POLICY -> Replies.json(response, HttpResponseStatus.BAD_REQUEST, CONTENT_FILTER);
			case AUTHENTICATION -> accessDenied(response);
			case RATE_LIMIT -> {
				int seconds = error.retryAfterSeconds(retryAfterSeconds);
				Replies.retryAfter(response, error, retryAfterSeconds);
				yield Replies.json(response, HttpResponseStatus.TOO_MANY_REQUESTS, frontDoor("429",
						"Requests to the ChatCompletions_Create Operation under Azure OpenAI API have exceeded token "
								+ "rate limit of your current OpenAI S0 pricing tier. Please retry after " + seconds
								+ " second" + ((seconds == 1) ? "" : "s") + "."));
			}
			default -> OpenAiErrors.send(response, error, retryAfterSeconds, promptTokens);
		};
	}

	static Mono<Void> accessDenied(HttpServerResponse response) {
		return Replies.json(response, HttpResponseStatus.UNAUTHORIZED, ACCESS_DENIED);
	}

	static Mono<Void> missingApiVersion(HttpServerResponse response) {
		return Replies.json(response, HttpResponseStatus.BAD_REQUEST, MISSING_API_VERSION);
	}

	private static byte[] frontDoor(String code, String message) {
		return Json.write((json) -> {
			json.writeStartObject();
			json.writeObjectPropertyStart("error");
			json.writeStringProperty("code", code);
			json.writeStringProperty("message", message);
			json.writeEndObject();
			json.writeEndObject();
		});
	}

	private static void writeCategory(JsonGenerator json, String name, boolean filtered, String severity) {
		json.writeObjectPropertyStart(name);
		json.writeBooleanProperty("filtered", filtered);
		json.writeStringProperty("severity", severity);
		json.writeEndObject();
	}

}
