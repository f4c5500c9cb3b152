package dev.llmgw.gateway.auth;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * A caller known by a browser session instead of a key (the admin UI's signed cookie).
 * The authentication filter asks it only when a request carries no key, so a key always
 * wins over a cookie; the feature that issues sessions implements it, and authentication
 * knows nothing of cookies.
 */
public interface SessionAuthenticator {

	/**
	 * @return the session's caller; empty when the request has no valid session; an error
	 * when it has one and the request may not use it (a form without its CSRF token)
	 */
	Mono<CallerIdentity> authenticate(ServerWebExchange exchange);

	/**
	 * What a request with neither key nor session gets instead of the API's 401: the
	 * login page for the UI's own pages.
	 * @return the answer, or null for the 401
	 */
	@Nullable Mono<Void> withoutCredentials(ServerWebExchange exchange);

}
