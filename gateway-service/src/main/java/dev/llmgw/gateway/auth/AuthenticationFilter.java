package dev.llmgw.gateway.auth;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import dev.llmgw.gateway.error.AuthenticationError;
import org.jspecify.annotations.Nullable;
import dev.llmgw.gateway.web.FilterOrder;
import dev.llmgw.gateway.web.NamedWebFilter;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * Resolves the caller's key to a {@link CallerIdentity} through the configured
 * authenticators and refuses the request with a 401 when no key is given or none knows
 * it. With no master key configured, every caller is let in as an admin, which is
 * LiteLLM's behaviour and is warned about at start-up.
 */
public final class AuthenticationFilter extends NamedWebFilter {

	private final List<KeyAuthenticator> authenticators;

	private final boolean enabled;

	private final Predicate<ServerWebExchange> bypass;

	private final @Nullable SessionAuthenticator sessions;

	private final ProxyRoutes routes;

	/**
	 * @param authenticators asked in order
	 * @param enabled false when no master key is configured
	 * @param bypass requests authenticated elsewhere (those routed on to the middleware)
	 * @param sessions asked when a request carries no key; null when no feature issues
	 * sessions
	 * @param routes general_settings' allowed, public and admin-only routes
	 */
	public AuthenticationFilter(List<KeyAuthenticator> authenticators, boolean enabled,
			Predicate<ServerWebExchange> bypass, @Nullable SessionAuthenticator sessions, ProxyRoutes routes) {
		this.authenticators = List.copyOf(authenticators);
		this.enabled = enabled;
		this.bypass = bypass;
		this.sessions = sessions;
		this.routes = routes;
	}

	@Override
	public int getOrder() {
		return FilterOrder.AUTHENTICATION;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		// the hot path computes no route when no proxy-wide route setting is made
		String route = this.routes.isEmpty() ? "" : ProxyRoutes.route(exchange.getRequest().getPath());
		// before anything else, as in LiteLLM: it binds the master key too
		this.routes.checkAllowed(route);
		if (PublicPaths.isPublic(exchange.getRequest().getPath().value()) || this.bypass.test(exchange)) {
			return chain.filter(exchange);
		}
		if (this.routes.isPublic(route)) {
			CallerIdentity.attach(exchange, CallerIdentity.publicRoute());
			return chain.filter(exchange);
		}
		if (!this.enabled) {
			CallerIdentity.attach(exchange, CallerIdentity.unauthenticated());
			return chain.filter(exchange);
		}
		String key = ApiKeys.extract(exchange.getRequest().getHeaders());
		if (key == null) {
			return (this.sessions != null) ? bySession(this.sessions, exchange, chain, route) : Mono.error(malformed());
		}
		return authenticate(key, 0).flatMap((caller) -> admit(caller, exchange, chain, route));
	}

	private Mono<Void> bySession(SessionAuthenticator sessions, ServerWebExchange exchange, WebFilterChain chain,
			String route) {
		// the chain's own Mono<Void> is empty too, so "no session" is told apart first
		return sessions.authenticate(exchange).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap((found) -> {
			if (found.isPresent()) {
				return admit(found.get(), exchange, chain, route);
			}
			Mono<Void> instead = sessions.withoutCredentials(exchange);
			return (instead != null) ? instead : Mono.error(malformed());
		});
	}

	/**
	 * @param route the route as {@link ProxyRoutes} compares it, empty when no proxy-wide
	 * route setting is made
	 */
	private Mono<Void> admit(CallerIdentity caller, ServerWebExchange exchange, WebFilterChain chain, String route) {
		RouteAccess.check(caller, exchange.getRequest().getPath().value());
		this.routes.checkAdminOnly(caller, route);
		CallerIdentity.attach(exchange, caller);
		return chain.filter(exchange);
	}

	private static AuthenticationError malformed() {
		return new AuthenticationError(
				"Authentication Error, Malformed API Key passed in. Ensure Key has `Bearer ` prefix.");
	}

	private Mono<CallerIdentity> authenticate(String key, int index) {
		if (index == this.authenticators.size()) {
			return Mono.error(() -> unknownKey(key));
		}
		return this.authenticators.get(index)
			.authenticate(key)
			.switchIfEmpty(Mono.defer(() -> authenticate(key, index + 1)));
	}

	/**
	 * LiteLLM's two refusals of an unknown key (shared/spec/admin-api.md §1.3), naming it
	 * only by its ends.
	 */
	private static AuthenticationError unknownKey(String key) {
		if (!key.startsWith("sk-")) {
			return new AuthenticationError("Authentication Error, LiteLLM Virtual Key expected. Received="
					+ ApiKeys.mask(key) + ", expected to start with 'sk-'.");
		}
		return new AuthenticationError(
				"Authentication Error, Invalid proxy server token passed. Received API Key = " + ApiKeys.mask(key)
						+ ", Key Hash (Token) =" + KeyHashes.sha256Hex(key)
						+ ". Unable to find token in cache or `LiteLLM_VerificationTokenTable`",
				"token_not_found_in_db", "key");
	}

}
