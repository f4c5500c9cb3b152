package dev.llmgw.gateway.auth;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Finds the caller's key where the clients of each protocol put it:
 * {@code Authorization: Bearer} (OpenAI SDKs, boto3 with a bearer token),
 * {@code x-api-key} (Anthropic SDKs) and {@code api-key} (Azure OpenAI SDKs).
 */
public final class ApiKeys {

	private static final String BEARER = "bearer ";

	private ApiKeys() {
	}

	public static @Nullable String extract(HttpHeaders headers) {
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null) {
			String value = authorization.trim();
			if (value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
				value = value.substring(BEARER.length()).trim();
			}
			if (!value.isEmpty()) {
				return value;
			}
		}
		String apiKey = firstNonBlank(headers.getFirst("x-api-key"), headers.getFirst("api-key"));
		return (apiKey != null) ? apiKey.trim() : null;
	}

	/**
	 * How a key is shown in logs and messages: its first three and last four characters,
	 * LiteLLM-style.
	 * @param key a full key
	 * @return e.g. {@code sk-...a1b2}
	 */
	public static String mask(String key) {
		if (key.length() <= 10) {
			return "***";
		}
		return key.substring(0, 3) + "..." + key.substring(key.length() - 4);
	}

	private static @Nullable String firstNonBlank(@Nullable String first, @Nullable String second) {
		if (first != null && !first.isBlank()) {
			return first;
		}
		return (second != null && !second.isBlank()) ? second : null;
	}

}
