package dev.llmgw.gateway.logging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.web.ExchangeAttribute;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * What the logging callbacks read from a request's headers, kept in the request's
 * attributes by {@link LoggingFilter} (the headers object itself, read once the call
 * ended, on the listener's thread).
 *
 * @param headers the request's headers
 */
public record LoggedRequest(HttpHeaders headers) {

	private static final ExchangeAttribute<LoggedRequest> ATTRIBUTE = ExchangeAttribute.of(LoggedRequest.class,
			LoggedRequest.class);

	/** Headers that carry credentials, never logged. */
	private static final Set<String> SECRET_WORDS = Set.of("key", "token", "secret", "auth", "pass", "cookie",
			"signature", "credential", "jwt", "assertion", "oidc", "principal", "session", "userinfo");

	static void attach(ServerWebExchange exchange) {
		ATTRIBUTE.put(exchange, new LoggedRequest(exchange.getRequest().getHeaders()));
	}

	static @Nullable LoggedRequest of(Map<String, Object> attributes) {
		return ATTRIBUTE.get(attributes);
	}

	/**
	 * LiteLLM's {@code requester_custom_headers}: the caller's {@code x-} headers, less
	 * any whose name suggests a credential.
	 */
	Map<String, String> customHeaders() {
		Map<String, String> custom = new LinkedHashMap<>();
		this.headers.forEach((name, values) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			if (lower.startsWith("x-") && SECRET_WORDS.stream().noneMatch(lower::contains) && !values.isEmpty()
					&& !looksSecret(values.get(0))) {
				custom.put(lower, values.get(0));
			}
		});
		return custom;
	}

	/** A value that is a credential whatever its header is called. */
	private static boolean looksSecret(String value) {
		String trimmed = value.trim();
		return trimmed.regionMatches(true, 0, "bearer ", 0, 7) || trimmed.regionMatches(true, 0, "basic ", 0, 6)
				|| trimmed.startsWith("sk-") || trimmed.startsWith("eyJ");
	}

	/** A header's first value, or null. */
	@Nullable String header(String name) {
		return this.headers.getFirst(name);
	}

	/**
	 * {@code x-litellm-disable-callbacks}: the callbacks not to call for this request.
	 */
	List<String> disabledCallbacks() {
		String value = this.headers.getFirst("x-litellm-disable-callbacks");
		if (value == null || value.isBlank()) {
			return List.of();
		}
		return List.of(value.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
	}

}
