package dev.llmgw.gateway.web;

import java.util.Arrays;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * Cross-origin access, as LiteLLM's proxy allows it: any origin by default
 * ({@code CORS_ALLOWED_ORIGINS}, comma-separated, narrows it), any method and header, and
 * the {@code x-litellm-*} and rate-limit headers readable by the page. Preflights are
 * answered before authentication, which they carry nothing for. Paths forwarded to the
 * middleware are left to it, which answers them the same way, so a response never carries
 * the headers twice.
 */
public final class CrossOriginFilter extends NamedWebFilter {

	private static final List<String> EXPOSED = List.of("x-litellm-call-id", "x-litellm-version", "x-litellm-model-id",
			"x-litellm-model-group", "x-litellm-model-api-base", "x-litellm-response-cost", "x-litellm-key-spend",
			"x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens", "x-ratelimit-limit-requests",
			"x-ratelimit-limit-tokens", "retry-after", "X-Session-Id");

	/** What Spring's CORS processor varies every answer by, as one header value. */
	static final String VARY = String.join(", ", HttpHeaders.ORIGIN, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD,
			HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);

	private final CorsWebFilter cors;

	private final MiddlewarePaths middlewarePaths;

	public CrossOriginFilter(String allowedOrigins, MiddlewarePaths middlewarePaths) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOriginPatterns(Arrays.stream(allowedOrigins.split(","))
			.map(String::trim)
			.filter((origin) -> !origin.isEmpty())
			.toList());
		configuration.setAllowedMethods(List.of("*"));
		configuration.setAllowedHeaders(List.of("*"));
		configuration.setExposedHeaders(EXPOSED);
		// credentials (a Basic key a browser might attach) only for origins named one by
		// one,
		// never for every origin
		configuration.setAllowCredentials(
				configuration.getAllowedOriginPatterns().stream().noneMatch((origin) -> origin.contains("*")));
		configuration.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", configuration);
		this.cors = new CorsWebFilter(source);
		this.middlewarePaths = middlewarePaths;
	}

	@Override
	public int getOrder() {
		return FilterOrder.CROSS_ORIGIN;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.middlewarePaths.routesToMiddleware(exchange)) {
			return chain.filter(exchange);
		}
		if (!exchange.getRequest().getHeaders().containsHeader(HttpHeaders.ORIGIN)) {
			// Not a cross-origin request, so Spring's filter would only add its three
			// Vary values, as three header lines, after matching the path against its
			// configurations: the same in one line, without the matching (SDKs and curl
			// send no Origin; that is nearly every call).
			exchange.getResponse().getHeaders().set(HttpHeaders.VARY, VARY);
			return chain.filter(exchange);
		}
		return this.cors.filter(exchange, chain);
	}

}
