package dev.llmgw.gateway.ui;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.admin.store.UserRow;
import dev.llmgw.gateway.admin.store.UserStore;
import dev.llmgw.gateway.auth.CallerBudgets;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.CallerLimits;
import dev.llmgw.gateway.auth.ModelAccess;
import dev.llmgw.gateway.auth.RouteAccess;
import dev.llmgw.gateway.auth.SessionAuthenticator;
import dev.llmgw.gateway.auth.VirtualKeyAuthenticator;
import dev.llmgw.gateway.error.PermissionDeniedError;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

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

	private final UserStore users;

	private final UiRevocations revocations;

	UiSessions(UiSettings settings, VirtualKeyAuthenticator keys, Clock clock, UserStore users,
			UiRevocations revocations) {
		this.settings = settings;
		this.keys = keys;
		this.clock = clock;
		this.users = users;
		this.revocations = revocations;
	}

	@Override
	public Mono<CallerIdentity> authenticate(ServerWebExchange exchange) {
		if (!this.settings.enabled()) {
			return Mono.empty();
		}
		ServerHttpRequest request = exchange.getRequest();
		UiSession session = UiSession.open(UiResponses.cookieValue(request, UiSession.COOKIE),
				this.settings.signingKey(), this.clock.instant());
		if (session == null || this.revocations.isRevoked(session) || !fromThisSite(request)) {
			// another site's request (even one that CORS lets read this API) never rides
			// on the session; it is simply not signed in
			return Mono.empty();
		}
		boolean page = UiPaths.isPage(request.getPath().value());
		if (!SAFE.contains(request.getMethod())) {
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
			case USER -> refusedModelCall(request.getPath().value())
					? Mono.error(new PermissionDeniedError(
							"A single sign-on session does not call models: with no key, nothing would meter the call."
									+ " Create a key on Virtual Keys and use it."))
					: this.users.find(session.subject()).map(UiSessions::user);
		};
		caller = caller.doOnNext((found) -> session.attach(exchange));
		// on a page, a key blocked or deleted since the login sends the user to the login
		return page ? caller.onErrorResume((ex) -> Mono.empty()) : caller;
	}

	/**
	 * A single sign-on user, who has no key: their role over the admin routes and the
	 * UI's pages, but no model calls (with no key, nothing would meter them; they make a
	 * key for that, as LiteLLM's users do). Read from the database on each request, so a
	 * role changed or a user deleted takes effect at once.
	 */
	private static CallerIdentity user(UserRow row) {
		String userId = String.valueOf(row.userId());
		String email = row.userEmail();
		String role = (row.userRole() != null) ? row.userRole() : CallerIdentity.INTERNAL_USER_VIEWER;
		return new CallerIdentity((email != null) ? email : userId, role, userId, null, null, null, ModelAccess.ALL,
				CallerLimits.NONE, CallerBudgets.NONE, 0, List.of(), null, email, null, List.of());
	}

	/** A model call (the model list aside, which the playground reads). */
	private static boolean refusedModelCall(String path) {
		return RouteAccess.isModelRoute(path) && !path.equals("/v1/models") && !path.equals("/models");
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
	 * Whether the browser says the request comes from this site's own pages. Browsers
	 * send {@code Sec-Fetch-Site} on every request ({@code same-origin}, or {@code none}
	 * for a typed address or a bookmark) and {@code Origin} on every script request and
	 * every unsafe one; a sibling site (another port, another subdomain) still gets a
	 * SameSite=Strict cookie sent, so both are checked. Scripts cannot set either header.
	 * Clients that send neither (curl, tests) are not browsers riding on a user's cookie.
	 */
	static boolean fromThisSite(ServerHttpRequest request) {
		String site = request.getHeaders().getFirst("Sec-Fetch-Site");
		if (site != null && !site.equals("same-origin") && !site.equals("none")) {
			return false;
		}
		String origin = request.getHeaders().getOrigin();
		return origin == null || origin.equalsIgnoreCase(ownOrigin(request));
	}

	/**
	 * This site as the browser addressed it: the Host header (which a load balancer
	 * passes on) and the scheme it used ({@code X-Forwarded-Proto} behind one).
	 */
	private static String ownOrigin(ServerHttpRequest request) {
		String scheme = UiResponses.overTls(request) ? "https" : "http";
		String host = request.getHeaders().getFirst("Host");
		if (host == null) {
			return "";
		}
		if ((scheme.equals("https") && host.endsWith(":443")) || (scheme.equals("http") && host.endsWith(":80"))) {
			host = host.substring(0, host.lastIndexOf(':'));
		}
		return scheme + "://" + host;
	}

}
