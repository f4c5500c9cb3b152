package dev.llmgw.gateway.ui;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.admin.store.UserRow;
import dev.llmgw.gateway.admin.store.UserStore;
import dev.llmgw.gateway.admin.users.UserRules;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.gateway.ui.OidcProvider.Identity;
import dev.llmgw.gateway.ui.OidcProvider.SignInError;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Single sign-on, free: {@code /ui/sso/login} sends the browser to the provider with a
 * fresh state, nonce and PKCE challenge (kept in a signed cookie that lives ten minutes);
 * {@code /ui/sso/callback} checks the state, exchanges the code with the verifier,
 * verifies the ID token and signs the user in, making them an internal user on their
 * first sign-in as LiteLLM does ({@code PROXY_ADMIN_ID} makes one user an admin;
 * {@code ALLOWED_EMAIL_DOMAINS} keeps others out).
 */
final class SsoPages {

	private static final Logger log = LoggerFactory.getLogger(SsoPages.class);

	static final String LOGIN = "/ui/sso/login";

	static final String CALLBACK = "/ui/sso/callback";

	static final String PREFIX = "/ui/sso/";

	static final String STATE_COOKIE = "llmgw_ui_sso";

	private static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

	/**
	 * Callbacks per client address in five minutes: each may cost the provider a token
	 * call.
	 */
	private static final int MAX_CALLBACKS = 20;

	private final com.github.benmanes.caffeine.cache.Cache<String, Boolean> usedStates = com.github.benmanes.caffeine.cache.Caffeine
		.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(STATE_LIFETIME)
		.build();

	private final com.github.benmanes.caffeine.cache.Cache<String, java.util.concurrent.atomic.AtomicInteger> callbacks = com.github.benmanes.caffeine.cache.Caffeine
		.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofMinutes(5))
		.build();

	private final OidcSettings settings;

	private final OidcProvider provider;

	private final UiSettings ui;

	private final UserStore users;

	private final UserRules userRules;

	private final LoginPage login;

	private final Clock clock;

	SsoPages(OidcSettings settings, OidcProvider provider, UiSettings ui, UserStore users, UserRules userRules,
			LoginPage login, Clock clock) {
		this.settings = settings;
		this.provider = provider;
		this.ui = ui;
		this.users = users;
		this.userRules = userRules;
		this.login = login;
		this.clock = clock;
	}

	Mono<ServerResponse> start(ServerRequest request) {
		String state = SignedFields.random(24);
		String nonce = SignedFields.random(24);
		String verifier = SignedFields.random(48);
		String next = UiPaths.safeNext(request.queryParam("next").orElse(null));
		String sealed = SignedFields.seal(this.ui.signingKey(), "sso-state", List.of(state, nonce, verifier, next,
				Long.toString(this.clock.instant().plus(STATE_LIFETIME).getEpochSecond())));
		return this.provider.discovery().flatMap((discovery) -> {
			String location = Html.url(discovery.authorizationEndpoint(), "response_type", "code", "client_id",
					this.settings.clientId(), "redirect_uri", redirectUri(request), "scope", "openid email profile",
					"state", state, "nonce", nonce, "code_challenge", challenge(verifier), "code_challenge_method",
					"S256");
			return ServerResponse.seeOther(URI.create(location))
				.headers(UiResponses::secure)
				.cookie(stateCookie(request, sealed, STATE_LIFETIME))
				.build();
		}).onErrorResume(SignInError.class, (error) -> failed(request, error.getMessage()));
	}

	Mono<ServerResponse> callback(ServerRequest request) {
		String client = LoginPage.client(request);
		java.util.concurrent.atomic.AtomicInteger tries = this.callbacks.get(client,
				(address) -> new java.util.concurrent.atomic.AtomicInteger());
		if (tries.incrementAndGet() > MAX_CALLBACKS) {
			return failed(request, "too many sign-ins from this address; try again in a few minutes");
		}
		List<String> saved = SignedFields.open(UiResponses.cookieValue(request.exchange().getRequest(), STATE_COOKIE),
				this.ui.signingKey(), "sso-state", 5);
		String state = request.queryParam("state").orElse(null);
		String code = request.queryParam("code").filter((value) -> !value.isBlank()).orElse(null);
		// each state serves one callback, whatever its outcome, on this instance (its
		// cookie is cleared with the answer, too)
		if (saved == null || state == null || !equal(saved.get(0), state)
				|| Instant.ofEpochSecond(parse(saved.get(4))).isBefore(this.clock.instant())
				|| this.usedStates.asMap().putIfAbsent(state, Boolean.TRUE) != null) {
			return failed(request, "this sign-in expired or did not start here; please sign in again");
		}
		String error = request.queryParam("error").orElse(null);
		if (error != null || code == null) {
			// only the provider's error code, never its free text
			return failed(request,
					"the provider refused (" + ((error != null) ? error.replaceAll("[^a-z_]", "") : "no code") + ")");
		}
		String nonce = saved.get(1);
		String next = UiPaths.safeNext(saved.get(3));
		return this.provider.exchange(code, redirectUri(request), saved.get(2))
			.flatMap((idToken) -> this.provider.verify(idToken, nonce))
			.flatMap(this::user)
			.flatMap((user) -> signedIn(request, user, next))
			.onErrorResume(SignInError.class, (ex) -> failed(request, ex.getMessage()));
	}

	/**
	 * The user the identity is: the one already linked to the provider's subject
	 * ({@code sso_user_id}), else the one whose {@code user_id} is the subject (LiteLLM's
	 * SSO user ids; an admin may create them ahead), else, for an email the provider
	 * verified, a non-admin user of that exact email not linked to anyone yet; made on a
	 * first sign-in otherwise. An email alone never reaches an admin, nor a user another
	 * subject holds.
	 */
	private Mono<UserRow> user(Identity identity) {
		String email = identity.email();
		if (!this.settings.emailAllowed(email)) {
			return Mono.error(new SignInError("this email's domain may not sign in here"));
		}
		String subject = identity.subject();
		boolean admin = subject.equals(this.settings.proxyAdminId());
		Mono<UserRow> bySubject = this.users.find(subject)
			.filter((found) -> found.ssoUserId() == null || subject.equals(found.ssoUserId()));
		Mono<UserRow> byEmail = (email != null && identity.emailVerified() && OidcSettings.plainEmail(email))
				? this.users.findFirst("user_email", email)
					.filter((found) -> found.ssoUserId() == null && !CallerIdentity.PROXY_ADMIN.equals(found.userRole())
							&& !CallerIdentity.PROXY_ADMIN_VIEWER.equals(found.userRole()))
				: Mono.empty();
		return this.users.findFirst("sso_user_id", subject)
			.switchIfEmpty(bySubject.flatMap((found) -> link(found, subject)))
			.switchIfEmpty(byEmail.flatMap((found) -> link(found, subject)))
			.flatMap((found) -> (admin && !CallerIdentity.PROXY_ADMIN.equals(found.userRole())) ? promote(found)
					: Mono.just(found))
			.switchIfEmpty(Mono.defer(() -> {
				// default_internal_user_params' models, budget and limits, as LiteLLM
				// gives them
				Map<String, @Nullable Object> user = new LinkedHashMap<>(this.userRules.signOnColumns());
				user.put("user_id", subject);
				user.put("sso_user_id", subject);
				user.put("user_email", email);
				user.put("user_role", admin ? CallerIdentity.PROXY_ADMIN : this.settings.newUserRole());
				user.put("spend", 0.0);
				user.put("created_at", RowStore.now(this.clock));
				user.put("updated_at", RowStore.now(this.clock));
				UserRow row = UserRow.from(user);
				log.info("UI single sign-on: new user {} as {}", printable(subject), row.userRole());
				return this.users.insert(row).thenReturn(row);
			}));
	}

	/** Ties the user to the provider's subject, so that no other subject reaches it. */
	private Mono<UserRow> link(UserRow user, String subject) {
		if (subject.equals(user.ssoUserId())) {
			return Mono.just(user);
		}
		Map<String, @Nullable Object> changes = Map.of("sso_user_id", subject);
		return this.users.update(String.valueOf(user.userId()), changes).thenReturn(user.with(changes));
	}

	/** Control characters out of a value the provider chose, before it is logged. */
	private static String printable(@Nullable Object value) {
		return String.valueOf(value).replaceAll("\\p{Cntrl}", "?");
	}

	private Mono<UserRow> promote(UserRow user) {
		Map<String, @Nullable Object> changes = Map.of("user_role", CallerIdentity.PROXY_ADMIN, "updated_at",
				RowStore.now(this.clock));
		return this.users.update(String.valueOf(user.userId()), changes).thenReturn(user.with(changes));
	}

	/**
	 * The session cookie, set on a page that moves on by itself: a SameSite=Strict cookie
	 * set during the provider's cross-site redirect would not be sent on a redirect in
	 * the same chain, but is on a navigation this page starts.
	 */
	private Mono<ServerResponse> signedIn(ServerRequest request, UserRow user, String next) {
		String userId = String.valueOf(user.userId());
		String name = (user.userEmail() != null) ? user.userEmail() : userId;
		UiSession session = UiSession.start(UiSession.Kind.USER, userId, name,
				this.clock.instant().plus(this.ui.sessionLifetime()));
		log.info("UI login: {} (single sign-on)", printable(name));
		Html html = new Html();
		UiLayout.head(html, "Signed in");
		html.raw("<meta http-equiv=\"refresh\" content=\"0;url=").text(next).raw("\">");
		html.raw("<body class=\"login\"><main id=\"main\">");
		html.el("h1", "Signed in");
		html.open("p").link(next, "Continue").close("p");
		html.raw("</main></body></html>");
		return ServerResponse.ok()
			.contentType(new org.springframework.http.MediaType(org.springframework.http.MediaType.TEXT_HTML,
					StandardCharsets.UTF_8))
			.headers(UiResponses::secure)
			.cookie(UiResponses.cookie(request, UiSession.COOKIE, session.seal(this.ui.signingKey()),
					this.ui.sessionLifetime(), "/"))
			.cookie(stateCookie(request, "", Duration.ZERO))
			.bodyValue(html.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The login page with the reason; the sign-in's state cookie is cleared either way.
	 */
	private Mono<ServerResponse> failed(ServerRequest request, String why) {
		log.info("UI single sign-on refused: {}", printable(why));
		return this.login.failed(request, HttpStatus.UNAUTHORIZED, "Single sign-on failed: " + why + ".",
				stateCookie(request, "", Duration.ZERO));
	}

	/**
	 * Lax, unlike the session: it must come back on the provider's cross-site redirect.
	 */
	private static ResponseCookie stateCookie(ServerRequest request, String value, Duration maxAge) {
		return UiResponses.cookie(request, STATE_COOKIE, value, maxAge, PREFIX, "Lax");
	}

	/** {@code PROXY_BASE_URL} when set, else the address the browser used. */
	private String redirectUri(ServerRequest request) {
		if (this.settings.baseUrl() != null) {
			return this.settings.baseUrl() + CALLBACK;
		}
		URI uri = request.uri();
		// the Host header (a load balancer keeps it), never X-Forwarded-Host, which a
		// client
		// may send; set PROXY_BASE_URL behind a proxy that rewrites Host
		String host = uri.getHost() + ((uri.getPort() > 0) ? ":" + uri.getPort() : "");
		String scheme = UiResponses.overTls(request.exchange().getRequest()) ? "https" : "http";
		return scheme + "://" + host + CALLBACK;
	}

	private static String challenge(String verifier) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(KeyHashes.sha256(verifier));
	}

	private static boolean equal(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

	private static long parse(String number) {
		try {
			return Long.parseLong(number);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
