package dev.llmgw.middleware.history;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The gateway key a request carries, in the headers the gateway itself accepts, in its
 * order: {@code x-litellm-api-key}, {@code Authorization: Bearer}, {@code api-key} (Azure
 * clients), {@code x-api-key} (Anthropic clients).
 */
public final class CallerKey {

	private CallerKey() {
	}

	public static @Nullable String of(HttpHeaders headers) {
		String key = strip(headers.getFirst("x-litellm-api-key"));
		if (key == null) {
			key = strip(headers.getFirst(HttpHeaders.AUTHORIZATION));
		}
		if (key == null) {
			key = strip(headers.getFirst("api-key"));
		}
		return (key != null) ? key : strip(headers.getFirst("x-api-key"));
	}

	private static @Nullable String strip(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String key = value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7) : value;
		key = key.trim();
		return key.isEmpty() ? null : key;
	}

}
