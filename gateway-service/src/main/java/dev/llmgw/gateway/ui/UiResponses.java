package dev.llmgw.gateway.ui;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * How every UI answer is sent: pages are never cached (they may show a key once), never
 * framed, and may run only the UI's own scripts and styles.
 */
final class UiResponses {

	static final String SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

	static final String HOST_PREFIX = "__Host-";

	private UiResponses() {
	}

	static Mono<ServerResponse> page(HttpStatusCode status, String html) {
		return ServerResponse.status(status)
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.headers(UiResponses::secure)
			.bodyValue(html.getBytes(StandardCharsets.UTF_8));
	}

	static Mono<ServerResponse> page(String html) {
		return page(HttpStatus.OK, html);
	}

	static Mono<ServerResponse> seeOther(String location) {
		return ServerResponse.seeOther(URI.create(location)).headers(UiResponses::secure).build();
	}

	/**
	 * A redirect from a filter, before any handler (the login page for a page without
	 * session).
	 */
	static Mono<Void> redirect(ServerWebExchange exchange, String location) {
		exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
		exchange.getResponse().getHeaders().setLocation(URI.create(location));
		secure(exchange.getResponse().getHeaders());
		return exchange.getResponse().setComplete();
	}

	static void secure(HttpHeaders headers) {
		headers.setCacheControl(CacheControl.noStore());
		headers.set("Content-Security-Policy", SECURITY_POLICY);
		headers.set("X-Frame-Options", "DENY");
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("Referrer-Policy", "same-origin");
	}

	/**
	 * A cookie the UI sets: HttpOnly, SameSite=Strict, and Secure whenever the browser
	 * reached us over TLS (directly or through a load balancer that says so).
	 */
	static ResponseCookie cookie(ServerRequest request, String name, String value, Duration maxAge, String path) {
		return cookie(request, name, value, maxAge, path, "Strict");
	}

	/**
	 * Over TLS the cookie is named {@code __Host-<name>} and scoped to the whole site:
	 * browsers then accept it only from this host, Secure, with no Domain, so a sibling
	 * subdomain cannot plant one (its own session, to sign the victim in as the
	 * attacker).
	 */
	static ResponseCookie cookie(ServerRequest request, String name, String value, Duration maxAge, String path,
			String sameSite) {
		boolean tls = overTls(request.exchange().getRequest());
		return ResponseCookie.from(tls ? HOST_PREFIX + name : name, value)
			.httpOnly(true)
			.secure(tls)
			.sameSite(sameSite)
			.path(tls ? "/" : path)
			.maxAge(maxAge)
			.build();
	}

	/**
	 * A UI cookie's value, under the name {@link #cookie} gives it on this request's
	 * scheme.
	 */
	static @Nullable String cookieValue(ServerHttpRequest request, String name) {
		HttpCookie found = request.getCookies().getFirst(overTls(request) ? HOST_PREFIX + name : name);
		return (found != null) ? found.getValue() : null;
	}

	static boolean overTls(ServerHttpRequest request) {
		String forwarded = request.getHeaders().getFirst("X-Forwarded-Proto");
		return "https".equalsIgnoreCase(request.getURI().getScheme())
				|| (forwarded != null && forwarded.trim().toLowerCase(java.util.Locale.ROOT).startsWith("https"));
	}

}
