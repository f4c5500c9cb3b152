package dev.llmgw.gateway.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.auth.RouteAccess;
import dev.llmgw.gateway.auth.VirtualKeyAuthenticator;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.PermissionDeniedError;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseCookie;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code /login} as LiteLLM's: a username and password form ({@code UI_USERNAME} and
 * {@code UI_PASSWORD}, the master key when no password is set), where a virtual key in
 * the password box signs its owner in to see what is theirs. The form carries a token of
 * its own (a login-CSRF cookie), so another site cannot sign a browser in to an
 * attacker's account. Failures are counted per client address and slowed down.
 */
final class LoginPage {

	private static final Logger log = LoggerFactory.getLogger(LoginPage.class);

	static final String LOGIN_COOKIE = "llmgw_ui_login";

	/** Failed logins allowed per client address in a window before it must wait. */
	private static final int MAX_FAILURES = 10;

	private final UiSettings settings;

	private final VirtualKeyAuthenticator keys;

	private final Clock clock;

	private final Cache<String, AtomicInteger> failures = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofMinutes(5))
		.build();

	private final boolean singleSignOn;

	private final UiRevocations revocations;

	LoginPage(UiSettings settings, VirtualKeyAuthenticator keys, Clock clock, boolean singleSignOn,
			UiRevocations revocations) {
		this.settings = settings;
		this.keys = keys;
		this.clock = clock;
		this.singleSignOn = singleSignOn;
		this.revocations = revocations;
	}

	/** The login page again, saying why the last attempt failed. */
	Mono<ServerResponse> failed(ServerRequest request, HttpStatusCode status, String problem, ResponseCookie... also) {
		return form(request, status, problem, also);
	}

	Mono<ServerResponse> show(ServerRequest request) {
		return form(request, HttpStatus.OK, null);
	}

	private Mono<ServerResponse> form(ServerRequest request, HttpStatusCode status, @Nullable String problem,
			ResponseCookie... also) {
		// signed and short-lived, so a value planted in the cookie by a sibling site
		// cannot
		// pass as one this server issued
		String token = SignedFields.seal(this.settings.signingKey(), "login", List.of(SignedFields.random(18),
				Long.toString(this.clock.instant().plus(Duration.ofHours(1)).getEpochSecond())));
		String next = UiPaths.safeNext(request.queryParam("next").orElse(null));
		Html html = new Html();
		UiLayout.head(html, "Log in");
		html.raw("<body class=\"login\"><main id=\"main\">");
		html.el("h1", "LLM Gateway");
		html.el("p", "Log in as the admin (UI_USERNAME and UI_PASSWORD), or put a virtual key in the password box"
				+ " to see what belongs to that key.");
		if (problem != null) {
			html.open("p", "class", "error", "role", "alert").text(problem).close("p");
		}
		html.open("form", "method", "post", "action", UiPaths.LOGIN, "class", "stack");
		html.open("input", "type", "hidden", "name", "login_token", "value", token);
		html.open("input", "type", "hidden", "name", "next", "value", next);
		html.open("div", "class", "field").el("label", "Username", "for", "username");
		html.open("input", "id", "username", "name", "username", "type", "text", "autocomplete", "username")
			.close("div");
		html.open("div", "class", "field").el("label", "Password or virtual key", "for", "password");
		html.open("input", "id", "password", "name", "password", "type", "password", "autocomplete", "current-password",
				"required", "")
			.close("div");
		html.el("button", "Log in", "type", "submit");
		html.close("form");
		if (this.singleSignOn) {
			html.open("p")
				.link(Html.url(SsoPages.LOGIN, "next", next), "Sign in with single sign-on", "class", "button", "id",
						"sso")
				.close("p");
		}
		html.raw("</main></body></html>");
		return ServerResponse.status(status)
			.contentType(new org.springframework.http.MediaType(org.springframework.http.MediaType.TEXT_HTML,
					StandardCharsets.UTF_8))
			.headers(UiResponses::secure)
			.cookie(UiResponses.cookie(request, LOGIN_COOKIE, token, Duration.ofHours(1), UiPaths.LOGIN))
			.cookies((cookies) -> {
				for (ResponseCookie cookie : also) {
					cookies.add(cookie.getName(), cookie);
				}
			})
			.bodyValue(html.toString().getBytes(StandardCharsets.UTF_8));
	}

	Mono<ServerResponse> submit(ServerRequest request) {
		String client = client(request);
		AtomicInteger failed = this.failures.getIfPresent(client);
		if (failed != null && failed.get() >= MAX_FAILURES) {
			return form(request, HttpStatus.TOO_MANY_REQUESTS,
					"Too many failed logins from this address; try again" + " in a few minutes.");
		}
		String loginCookie = UiResponses.cookieValue(request.exchange().getRequest(), LOGIN_COOKIE);
		return UiForms.fields(request).flatMap((fields) -> {
			String token = fields.getFirst("login_token");
			if (loginCookie == null || token == null || !validToken(token)
					|| !UiSessions.fromThisSite(request.exchange().getRequest())
					|| !MessageDigest.isEqual(loginCookie.getBytes(StandardCharsets.UTF_8),
							token.getBytes(StandardCharsets.UTF_8))) {
				return form(request, HttpStatus.FORBIDDEN,
						"This login form has expired or did not come from this site; please try again.");
			}
			String next = UiPaths.safeNext(fields.getFirst("next"));
			return sessionFor(fields).flatMap((session) -> {
				this.failures.invalidate(client);
				log.info("UI login: {} ({})", session.name(), session.kind());
				return start(request, session, next);
			}).switchIfEmpty(Mono.defer(() -> {
				this.failures.get(client, (address) -> new AtomicInteger()).incrementAndGet();
				return form(request, HttpStatus.UNAUTHORIZED, "Invalid username or password.");
			}))
				.onErrorResume(PermissionDeniedError.class,
						(ex) -> form(request, HttpStatus.FORBIDDEN, ex.getMessage()));
		});
	}

	private Mono<UiSession> sessionFor(MultiValueMap<String, String> fields) {
		String username = String.valueOf(fields.getFirst("username")).strip();
		String password = fields.getFirst("password");
		if (password == null || password.isEmpty() || password.length() > 1024) {
			return Mono.empty();
		}
		java.time.Instant expires = this.clock.instant().plus(this.settings.sessionLifetime());
		boolean nameMatches = MessageDigest.isEqual(KeyHashes.sha256(username),
				KeyHashes.sha256(this.settings.username()));
		boolean passwordMatches = MessageDigest.isEqual(KeyHashes.sha256(password),
				KeyHashes.sha256(this.settings.password()));
		if (nameMatches && passwordMatches) {
			return Mono.just(
					UiSession.start(UiSession.Kind.ADMIN, this.settings.username(), this.settings.username(), expires));
		}
		return this.keys.authenticate(password)
			// a blocked or expired key cannot log in either, and says nothing more than a
			// wrong one
			.onErrorResume(GatewayError.class, (ex) -> Mono.empty())
			.flatMap((caller) -> {
				// a key limited to other routes (allowed_routes, key_type) would meet a
				// 403 on
				// every page; it is told so here instead
				try {
					RouteAccess.check(caller, KeysPage.PATH);
				}
				catch (PermissionDeniedError ex) {
					return Mono.error(new PermissionDeniedError(
							"This key may only call " + caller.allowedRoutes() + ", which leaves out the admin UI."));
				}
				return Mono
					.just(UiSession.start(UiSession.Kind.KEY, String.valueOf(caller.keyHash()), name(caller), expires));
			});
	}

	private static String name(CallerIdentity caller) {
		if (caller.userEmail() != null) {
			return caller.userEmail();
		}
		if (caller.keyAlias() != null) {
			return caller.keyAlias();
		}
		return (caller.userId() != null) ? caller.userId() : "key " + caller.displayName();
	}

	private Mono<ServerResponse> start(ServerRequest request, UiSession session, String next) {
		return ServerResponse.seeOther(UiPaths.location(next))
			.headers(UiResponses::secure)
			.cookie(UiResponses.cookie(request, UiSession.COOKIE, session.seal(this.settings.signingKey()),
					this.settings.sessionLifetime(), "/"))
			.cookie(UiResponses.cookie(request, LOGIN_COOKIE, "", Duration.ZERO, UiPaths.LOGIN))
			.build();
	}

	private boolean validToken(String token) {
		List<String> fields = SignedFields.open(token, this.settings.signingKey(), "login", 2);
		if (fields == null) {
			return false;
		}
		try {
			return this.clock.instant().getEpochSecond() < Long.parseLong(fields.get(1));
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	/**
	 * Logout: the form's CSRF token is checked as any form's, the session is revoked on
	 * every instance ({@link UiRevocations}) and its cookie cleared.
	 */
	Mono<ServerResponse> logout(ServerRequest request) {
		return UiForms.read(request).doOnNext((form) -> {
			UiSession session = UiSession.of(request.exchange());
			if (session != null) {
				this.revocations.revoke(session);
			}
		})
			.then(ServerResponse.seeOther(java.net.URI.create(UiPaths.LOGIN))
				.headers(UiResponses::secure)
				.cookie(UiResponses.cookie(request, UiSession.COOKIE, "", Duration.ZERO, "/"))
				.build());
	}

	/**
	 * The client whose failures count: the connection's address, unless that is a private
	 * or loopback address (a load balancer in the same network), in which case the last
	 * X-Forwarded-For entry, the one that proxy added (earlier entries are the client's
	 * own say). So one attacker behind the load balancer can neither lock everyone out
	 * nor dodge the count by inventing addresses, and a client reaching the gateway
	 * directly from the internet is counted by its own address whatever it sends.
	 */
	static String client(ServerRequest request) {
		java.net.InetAddress peer = request.remoteAddress().map(java.net.InetSocketAddress::getAddress).orElse(null);
		if (peer == null) {
			return "unknown";
		}
		if (peer.isLoopbackAddress() || peer.isSiteLocalAddress() || peer.isLinkLocalAddress()) {
			List<String> forwarded = request.headers().header("X-Forwarded-For");
			if (!forwarded.isEmpty()) {
				String[] hops = String.join(",", forwarded).split(",");
				String last = hops[hops.length - 1].strip();
				if (!last.isEmpty() && last.length() <= 64) {
					return last;
				}
			}
		}
		return peer.getHostAddress();
	}

}
