package dev.llmgw.gateway.providers;

import dev.llmgw.gateway.error.UpstreamError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a provider's answer into its record. An answer that is not JSON, or JSON of
 * another shape, is the provider's fault: a 502 that says which, never a 500.
 */
public final class ProviderAnswers {

	private ProviderAnswers() {
	}

	/**
	 * @param provider the provider's name, for the message
	 * @param what what the answer should have been, e.g. {@code a chat response}
	 */
	public static <T> T read(JsonMapper mapper, byte[] body, Class<T> type, String provider, String what) {
		T answer;
		try {
			answer = mapper.readValue(body, type);
		}
		catch (DatabindException ex) {
			throw new UpstreamError(502, "api_error",
					"litellm.BadGatewayError: " + provider + " returned JSON that is not " + what, null);
		}
		catch (JacksonException ex) {
			throw new UpstreamError(502, "api_error",
					"litellm.BadGatewayError: " + provider + " returned a body that is not JSON", null);
		}
		if (answer == null) {
			throw new UpstreamError(502, "api_error",
					"litellm.BadGatewayError: " + provider + " returned JSON null instead of " + what, null);
		}
		return answer;
	}

}
