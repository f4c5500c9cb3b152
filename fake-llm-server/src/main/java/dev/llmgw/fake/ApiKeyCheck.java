package dev.llmgw.fake;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * Accepts the key in any header a supported provider uses for it: OpenAI's
 * {@code Authorization: Bearer}, Azure's {@code api-key} and Anthropic's
 * {@code x-api-key}.
 */
final class ApiKeyCheck {

	private static final String BEARER = "Bearer ";

	private final @Nullable String requiredKey;

	ApiKeyCheck(@Nullable String requiredKey) {
		this.requiredKey = requiredKey;
	}

	boolean accepts(HttpHeaders headers) {
		String required = this.requiredKey;
		if (required == null) {
			return true;
		}
		String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
				&& authorization.substring(BEARER.length()).trim().equals(required)) {
			return true;
		}
		return required.equals(headers.get("api-key")) || required.equals(headers.get("x-api-key"));
	}

}
