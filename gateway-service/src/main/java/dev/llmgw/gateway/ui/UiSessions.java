package dev.llmgw.gateway.ui;

import java.time.Clock;
import java.util.Set;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.SessionAuthenticator;
import dev.llmgw.gateway.auth.VirtualKeyAuthenticator;
import dev.llmgw.gateway.error.PermissionDeniedError;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Turns the UI's session cookie into a caller for the authentication filter: the admin as
 * the master key's caller, a key's session as that key (so a blocked, expired or deleted
 * key ends its session at once). Scripts on the UI's pages (the playground) call the API
 * with the cookie and repeat the CSRF token in {@value #CSRF_HEADER}; the UI's own forms
 * carry it in a field, checked by {@link UiForms}.
 */
final class UiSessions implements SessionAuthenticator {

	static final String CSRF_HEADER = "X-CSRF-Token";

	private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

	private final UiSettings settings;

	private final VirtualKeyAuthenticator keys;

	private final Clock clock;

	UiSessions(UiSettings settings, VirtualKeyAuthenticator keys, Clock clock) {
		this.settings = settings;
		this.keys = keys;
		this.clock = clock;
	}

	@Override
	public Mono<CallerIdentity> authenticate(ServerWebExchange exchange) {
		if (!this.settings.enabled()) {
			return Mono.empty();
		}
		ServerHttpRequest request = exchange.getRequest();
		HttpCookie cookie = request.getCookies().getFirst(UiSession.COOKIE);
		UiSession session = UiSession.open((cookie != null) ? cookie.getValue() : null, this.settings.signingKey(),
				this.clock.instant());
		if (session == null) {
			return Mono.empty();
		}
		boolean page = UiPaths.isPage(request.getPath().value());
		if (!SAFE.contains(request.getMethod())) {
			if (!sameOrigin(request)) {
				return Mono.error(new PermissionDeniedError("Cross-site request refused: its Origin is not this site"));
			}
			// pages check the token of their form (UiForms); scripts send it as a header
			if (!page && !session.csrfMatches(request.getHeaders().getFirst(CSRF_HEADER))) {
				return Mono.error(new PermissionDeniedError(
						"A request with the UI's session cookie must carry its CSRF token in " + CSRF_HEADER));
			}
		}
		Mono<CallerIdentity> caller = switch (session.kind()) {
			case ADMIN -> session.subject().equals(this.settings.username()) ? Mono.just(CallerIdentity.masterKey())
					: Mono.empty();
			case KEY -> this.keys.authenticateHash(session.subject());
			case USER -> Mono.empty();
		};
		caller = caller.doOnNext((found) -> session.attach(exchange));
		// on a page, a key blocked or deleted since the login sends the user to the login
		return page ? caller.onErrorResume((ex) -> Mono.empty()) : caller;
	}

	@Override
	public @Nullable Mono<Void> withoutCredentials(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().value();
		if (!this.settings.enabled() || !UiPaths.isPage(path)) {
			return null;
		}
		String next = HttpMethod.GET.equals(exchange.getRequest().getMethod()) ? path : UiPaths.HOME;
		return UiResponses.redirect(exchange, UiPaths.login(next));
	}

	/**
	 * Browsers send Origin on every unsafe request; a different one is another site
	 * posting with the user's cookie (SameSite already stops it in current browsers).
	 */
	private static boolean sameOrigin(ServerHttpRequest request) {
		String origin = request.getHeaders().getOrigin();
		if (origin == null || origin.equals("null")) {
			return origin == null;
		}
		String host = request.getHeaders().getFirst("Host");
		String forwardedHost = request.getHeaders().getFirst("X-Forwarded-Host");
		String stripped = origin.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
		return stripped.equalsIgnoreCase(String.valueOf(host))
				|| stripped.equalsIgnoreCase(String.valueOf(forwardedHost));
	}

}
