package dev.llmgw.fake;

import java.util.List;

import dev.llmgw.fake.aws.SigV4;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;

/**
 * Accepts the key wherever a supported provider sends it: OpenAI's and Cohere's
 * {@code Authorization: Bearer}, Azure's {@code api-key}, Anthropic's {@code x-api-key},
 * Gemini's {@code x-goog-api-key} header or {@code ?key=} query parameter, and Bedrock's
 * SigV4 {@code Authorization: AWS4-HMAC-SHA256 ...}.
 */
final class ApiKeyCheck {

	private static final String BEARER = "Bearer ";

	private final @Nullable String requiredKey;

	ApiKeyCheck(@Nullable String requiredKey) {
		this.requiredKey = requiredKey;
	}

	boolean accepts(HttpHeaders headers, String uri) {
		String required = this.requiredKey;
		if (required == null) {
			return true;
		}
		String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
		if (authorization != null) {
			if (startsWithIgnoringCase(authorization, BEARER)
					&& authorization.substring(BEARER.length()).trim().equals(required)) {
				return true;
			}
			// a signature cannot be checked without the AWS secret, which the fake never
			// has; that the client signed at all is what a test of the signing path needs
			if (SigV4.isSigned(authorization)) {
				return true;
			}
		}
		return required.equals(headers.get("api-key")) || required.equals(headers.get("x-api-key"))
				|| required.equals(headers.get("x-goog-api-key")) || required.equals(queryKey(uri));
	}

	private static boolean startsWithIgnoringCase(String value, String prefix) {
		return value.regionMatches(true, 0, prefix, 0, prefix.length());
	}

	private static @Nullable String queryKey(String uri) {
		if (uri.indexOf('?') < 0) {
			return null;
		}
		List<String> keys = new QueryStringDecoder(uri).parameters().get("key");
		return (keys == null || keys.isEmpty()) ? null : keys.get(0);
	}

}
