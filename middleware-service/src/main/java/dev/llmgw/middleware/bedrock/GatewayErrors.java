package dev.llmgw.middleware.bedrock;

import java.nio.charset.StandardCharsets;

import dev.llmgw.middleware.error.BedrockError;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's OpenAI error ({@code {"error": {"message", "type", "param", "code"}}}) as
 * the Bedrock error a Converse client expects, chosen by the error's type and code first
 * and its status only when neither says more. The status alone misleads: LiteLLM answers
 * an exhausted budget with 400, which Bedrock clients must see as a 429
 * {@code ThrottlingException} to back off, not a {@code ValidationException} to give up
 * on.
 */
final class GatewayErrors {

	private GatewayErrors() {
	}

	/**
	 * @param mapper reads the body
	 * @param status the gateway's status
	 * @param body the gateway's body, possibly empty or not JSON
	 * @return the Bedrock error
	 */
	static BedrockError of(JsonMapper mapper, int status, byte @Nullable [] body) {
		String message = "gateway answered " + status;
		String type = null;
		String code = null;
		if (body != null && body.length > 0) {
			try {
				JsonNode error = mapper.readTree(body).path("error");
				if (error.isObject()) {
					message = error.path("message").asString(message);
					type = error.path("type").asString(null);
					code = error.path("code").asString(null);
				}
				else {
					message = error.asString(message);
				}
			}
			catch (JacksonException ex) {
				message = new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8);
			}
		}
		return of(status, type, code, message);
	}

	/**
	 * @param error the {@code error} of an event that ended a stream, whose {@code code}
	 * is the status the gateway could no longer send
	 * @return the Bedrock error
	 */
	static BedrockError ofStreamed(JsonNode error) {
		String code = error.path("code").asString(null);
		int status = (code != null && code.matches("[1-5][0-9][0-9]")) ? Integer.parseInt(code) : 500;
		return of(status, error.path("type").asString(null), code, error.path("message").asString(""));
	}

	/**
	 * @param status the gateway's status
	 * @param type the error's {@code type}
	 * @param code the error's {@code code} (the gateway sends the status; providers'
	 * codes such as {@code context_length_exceeded} pass through)
	 * @param message the error's message
	 * @return the Bedrock error
	 */
	static BedrockError of(int status, @Nullable String type, @Nullable String code, String message) {
		BedrockError byType = byName(type, message);
		if (byType == null) {
			byType = byName(code, message);
		}
		return (byType != null) ? byType : BedrockError.fromGateway(status, message);
	}

	/**
	 * The gateway's own error types (its GatewayError family, named as LiteLLM names
	 * them) and the OpenAI codes that say the same. Anything else, a provider's own type
	 * kept by the gateway included, falls back to the status.
	 */
	private static @Nullable BedrockError byName(@Nullable String name, String message) {
		if (name == null) {
			return null;
		}
		return switch (name) {
			case "budget_exceeded", "rate_limit_error", "rate_limit_exceeded", "insufficient_quota" ->
				new BedrockError(429, "ThrottlingException", message);
			case "auth_error", "authentication_error", "permission_error", "key_model_access_denied",
					"token_not_found_in_db" ->
				new BedrockError(403, "AccessDeniedException", message);
			case "not_found_error", "model_not_found" -> new BedrockError(404, "ResourceNotFoundException", message);
			case "context_length_exceeded", "content_policy_violation", "content_filter" ->
				new BedrockError(400, "ValidationException", message);
			case "timeout" -> new BedrockError(408, "ModelTimeoutException", message);
			// the gateway's database (no_db_connection) or the provider
			// (api_connection_error)
			// cannot be reached: a moment later it may be
			case "no_db_connection", "api_connection_error" ->
				new BedrockError(503, "ServiceUnavailableException", message);
			default -> null;
		};
	}

	/**
	 * The exception frame for an error the gateway reports after a stream began: the
	 * Converse stream's union names only some of Bedrock's exceptions; a provider that
	 * failed or went away mid-answer is a model stream error, as Bedrock reports it.
	 * @param error the error
	 * @return its {@code :exception-type}
	 */
	static String streamExceptionType(BedrockError error) {
		return switch (error.type()) {
			case "ThrottlingException" -> "throttlingException";
			case "ValidationException" -> "validationException";
			default -> "modelStreamErrorException";
		};
	}

}
