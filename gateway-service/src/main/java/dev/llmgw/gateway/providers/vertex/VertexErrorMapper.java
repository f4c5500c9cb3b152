package dev.llmgw.gateway.providers.vertex;

import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.providers.ProviderErrors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vertex AI's errors: Google's {@code {"error": {"code", "message", "status"}}} for the
 * platform's own refusals (a token it does not accept, a quota) and for Gemini, read by
 * the Gemini mapper as {@code VertexAIException}; Anthropic's {@code {"type": "error",
 * "error": {"type", "message"}}} for Claude's own, read by the Anthropic mapper. The
 * shape tells them apart: Anthropic's error has a string {@code type}.
 */
final class VertexErrorMapper implements ProviderErrors {

	private final JsonMapper mapper;

	private final ProviderErrors google;

	private final ProviderErrors anthropic;

	VertexErrorMapper(JsonMapper mapper, ProviderErrors google, ProviderErrors anthropic) {
		this.mapper = mapper;
		this.google = google;
		this.anthropic = anthropic;
	}

	@Override
	public GatewayError map(int status, byte[] body, @Nullable String retryAfter) {
		return isAnthropic(body) ? this.anthropic.map(status, body, retryAfter)
				: this.google.map(status, body, retryAfter);
	}

	private boolean isAnthropic(byte[] body) {
		try {
			JsonNode error = this.mapper.readTree(body).path("error");
			return error.path("type").isString();
		}
		catch (JacksonException ex) {
			return false;
		}
	}

}
