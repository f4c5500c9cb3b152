package dev.llmgw.gateway.auth;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Finds the caller's key where each protocol's clients put it, in LiteLLM's order
 * (shared/spec/admin-api.md §1.1): {@code x-litellm-api-key}, then {@code Authorization}
 * ({@code Bearer} or {@code Basic}), then {@code API-Key} (Azure SDKs), {@code x-api-key}
 * (Anthropic SDKs), {@code x-goog-api-key} and {@code Ocp-Apim-Subscription-Key}.
 */
public final class ApiKeys {

	private static final String[] RAW_HEADERS = { "api-key", "x-api-key", "x-goog-api-key",
			"ocp-apim-subscription-key" };

	private ApiKeys() {
	}

	/**
	 * @param headers the request headers
	 * @return the key, or null when none is given (or the Authorization scheme is neither
	 * Bearer nor Basic)
	 */
	public static @Nullable String extract(HttpHeaders headers) {
		String litellm = headers.getFirst("x-litellm-api-key");
		if (litellm != null && !litellm.isBlank()) {
			return stripScheme(litellm.trim(), true);
		}
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null && !authorization.isBlank()) {
			return stripScheme(authorization.trim(), false);
		}
		for (String name : RAW_HEADERS) {
			String value = headers.getFirst(name);
			if (value != null && !value.isBlank()) {
				return value.trim();
			}
		}
		return null;
	}

	private static @Nullable String stripScheme(String value, boolean schemeOptional) {
		for (String scheme : new String[] { "Bearer ", "Basic " }) {
			if (value.regionMatches(true, 0, scheme, 0, scheme.length())) {
				String key = value.substring(scheme.length()).trim();
				return key.isEmpty() ? null : key;
			}
		}
		return schemeOptional ? value : null;
	}

	/**
	 * How a key is named in logs and messages: {@code sk-...} and its last four
	 * characters, LiteLLM's key_name.
	 * @param key a full key
	 * @return e.g. {@code sk-...a1b2}
	 */
	public static String mask(String key) {
		if (key.length() <= 8) {
			return "****";
		}
		return (key.startsWith("sk-") ? "sk-..." : key.substring(0, 4) + "****") + key.substring(key.length() - 4);
	}

}
