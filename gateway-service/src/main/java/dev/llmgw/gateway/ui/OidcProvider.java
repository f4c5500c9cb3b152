package dev.llmgw.gateway.ui;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The identity provider as the UI's sign-in needs it: its discovery document (kept an
 * hour), its signing keys (fetched again when an ID token names an unknown key, at most
 * once a minute, so made-up key ids cost the provider nothing), the code exchange, and an
 * ID token's checks (signature with RS256 or ES256 only, issuer, audience, expiry with a
 * minute of skew, nonce). Calls go out on the JDK client's own threads, never blocking an
 * event loop.
 */
final class OidcProvider {

	private static final Duration DISCOVERY_AGE = Duration.ofHours(1);

	private static final Duration KEYS_REFRESH = Duration.ofMinutes(1);

	private static final Duration SKEW = Duration.ofMinutes(1);

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** The most one exchange with the provider may take, its body included. */
	private static final Duration DEADLINE = Duration.ofSeconds(15);

	/** A discovery document, key set or token answer is a few kilobytes. */
	private static final int MAX_BODY = 256 * 1024;

	private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

	record Discovery(String authorizationEndpoint, String tokenEndpoint, String jwksUri, Instant fetchedAt) {
	}

	/** What a verified ID token says about the user. */
	record Identity(String subject, @Nullable String email, boolean emailVerified) {
	}

	private final OidcSettings settings;

	private final HttpClient http;

	private final JsonMapper mapper;

	private final Clock clock;

	private volatile @Nullable Discovery discovery;

	private volatile @Nullable JWKSet keys;

	private volatile Instant keysFetchedAt = Instant.EPOCH;

	OidcProvider(OidcSettings settings, JsonMapper mapper, Clock clock) {
		this.settings = settings;
		this.mapper = mapper;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	Mono<Discovery> discovery() {
		Discovery known = this.discovery;
		if (known != null && known.fetchedAt().plus(DISCOVERY_AGE).isAfter(this.clock.instant())) {
			return Mono.just(known);
		}
		return get(this.settings.issuer() + "/.well-known/openid-configuration").map((body) -> {
			Map<?, ?> document = json(body, "discovery document");
			if (!this.settings.issuer().equals(stripSlash(String.valueOf(document.get("issuer"))))) {
				throw new SignInError(
						"the provider's discovery document names another issuer: " + document.get("issuer"));
			}
			Discovery fetched = new Discovery(required(document, "authorization_endpoint"),
					reachable(required(document, "token_endpoint")), reachable(required(document, "jwks_uri")),
					this.clock.instant());
			this.discovery = fetched;
			return fetched;
		});
	}

	/** The code exchanged for the provider's ID token. */
	Mono<String> exchange(String code, String redirectUri, String verifier) {
		StringBuilder form = new StringBuilder("grant_type=authorization_code");
		append(form, "code", code);
		append(form, "redirect_uri", redirectUri);
		append(form, "client_id", this.settings.clientId());
		append(form, "code_verifier", verifier);
		if (this.settings.clientSecret() != null) {
			append(form, "client_secret", this.settings.clientSecret());
		}
		return discovery()
			.flatMap((found) -> send(HttpRequest.newBuilder(URI.create(found.tokenEndpoint()))
				.timeout(TIMEOUT)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(form.toString()))
				.build()))
			.map((body) -> {
				Object token = json(body, "token answer").get("id_token");
				if (!(token instanceof String idToken)) {
					throw new SignInError("the provider's token answer has no id_token");
				}
				return idToken;
			});
	}

	Mono<Identity> verify(String idToken, String nonce) {
		SignedJWT jwt;
		try {
			jwt = SignedJWT.parse(idToken);
		}
		catch (ParseException ex) {
			return Mono.error(new SignInError("the ID token is not a signed JWT"));
		}
		if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
			return Mono.error(new SignInError("the ID token's algorithm is not RS256 or ES256"));
		}
		String keyId = jwt.getHeader().getKeyID();
		return key(keyId).map((key) -> {
			try {
				JWSVerifier verifier = (key instanceof RSAKey rsa) ? new RSASSAVerifier(rsa)
						: new ECDSAVerifier((ECKey) key);
				if (!jwt.verify(verifier)) {
					throw new SignInError("the ID token's signature does not verify");
				}
				return check(jwt.getJWTClaimsSet(), nonce);
			}
			catch (JOSEException | ParseException | ClassCastException ex) {
				throw new SignInError("the ID token cannot be verified: " + ex.getMessage());
			}
		});
	}

	private Identity check(JWTClaimsSet claims, String nonce) {
		Instant now = this.clock.instant();
		if (!this.settings.issuer().equals(stripSlash(String.valueOf(claims.getIssuer())))) {
			throw new SignInError("the ID token comes from another issuer");
		}
		if (claims.getAudience() == null || !claims.getAudience().contains(this.settings.clientId())) {
			throw new SignInError("the ID token is for another client");
		}
		Date expires = claims.getExpirationTime();
		if (expires == null || expires.toInstant().plus(SKEW).isBefore(now)) {
			throw new SignInError("the ID token has expired");
		}
		if (!nonce.equals(claims.getClaim("nonce"))) {
			throw new SignInError("the ID token's nonce is not this sign-in's");
		}
		if (claims.getSubject() == null || claims.getSubject().isBlank()) {
			throw new SignInError("the ID token names no subject");
		}
		Date notBefore = claims.getNotBeforeTime();
		Date issued = claims.getIssueTime();
		if ((notBefore != null && notBefore.toInstant().minus(SKEW).isAfter(now))
				|| (issued != null && issued.toInstant().minus(SKEW).isAfter(now))) {
			throw new SignInError("the ID token is not valid yet");
		}
		if (claims.getAudience().size() > 1 && !this.settings.clientId().equals(claims.getClaim("azp"))) {
			throw new SignInError("the ID token was issued to another client");
		}
		Object email = claims.getClaim("email");
		Object verified = claims.getClaim("email_verified");
		return new Identity(claims.getSubject(), (email instanceof String text && !text.isBlank()) ? text : null,
				Boolean.TRUE.equals(verified) || "true".equals(verified));
	}

	/**
	 * The signing key by id, fetching the key set again when it is unknown
	 * (rate-limited).
	 */
	private Mono<JWK> key(@Nullable String keyId) {
		JWK known = find(this.keys, keyId);
		if (known != null) {
			return Mono.just(known);
		}
		if (this.keysFetchedAt.plus(KEYS_REFRESH).isAfter(this.clock.instant())) {
			return Mono.error(new SignInError("the ID token names a key the provider does not publish"));
		}
		this.keysFetchedAt = this.clock.instant();
		return discovery().flatMap((found) -> get(found.jwksUri())).map((body) -> {
			try {
				JWKSet fetched = JWKSet.parse(body);
				this.keys = fetched;
				JWK key = find(fetched, keyId);
				if (key == null) {
					throw new SignInError("the ID token names a key the provider does not publish");
				}
				return key;
			}
			catch (ParseException ex) {
				throw new SignInError("the provider's key set cannot be read");
			}
		});
	}

	private static @Nullable JWK find(@Nullable JWKSet set, @Nullable String keyId) {
		if (set == null) {
			return null;
		}
		for (JWK key : set.getKeys()) {
			if ((keyId == null || keyId.equals(key.getKeyID())) && (key instanceof RSAKey || key instanceof ECKey)
					&& !key.isPrivate()) {
				return key;
			}
		}
		return null;
	}

	private Mono<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.timeout(TIMEOUT)
			.header("Accept", "application/json")
			.GET()
			.build());
	}

	/**
	 * One request to the provider: its answer read up to {@link #MAX_BODY} bytes (a
	 * larger one is cut off, not buffered) within {@link #DEADLINE} in all, however
	 * slowly it comes.
	 */
	private Mono<String> send(HttpRequest request) {
		return Mono.fromFuture(() -> this.http.sendAsync(request, (info) -> new LimitedBody(MAX_BODY)))
			.timeout(DEADLINE)
			.onErrorMap((ex) -> !(ex instanceof SignInError),
					(ex) -> (ex.getCause() instanceof SignInError cause) ? cause
							: new SignInError("the provider cannot be reached: " + ex.getClass().getSimpleName()))
			.map((response) -> {
				if (response.statusCode() != 200) {
					throw new SignInError("the provider answered " + response.statusCode());
				}
				return response.body();
			});
	}

	private Map<?, ?> json(String body, String what) {
		try {
			Object parsed = this.mapper.readValue(body, Object.class);
			if (parsed instanceof Map<?, ?> map) {
				return map;
			}
		}
		catch (RuntimeException ex) {
			// refused below
		}
		throw new SignInError("the provider's " + what + " is not a JSON object");
	}

	/** A body kept up to a size; past it the exchange is cancelled, not buffered. */
	private static final class LimitedBody implements HttpResponse.BodySubscriber<String> {

		private final int limit;

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private final CompletableFuture<String> body = new CompletableFuture<>();

		private Flow.@Nullable Subscription subscription;

		LimitedBody(int limit) {
			this.limit = limit;
		}

		@Override
		public CompletionStage<String> getBody() {
			return this.body;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(List<ByteBuffer> items) {
			for (ByteBuffer item : items) {
				if (this.body.isDone()) {
					return;
				}
				if (this.bytes.size() + item.remaining() > this.limit) {
					Flow.Subscription held = this.subscription;
					if (held != null) {
						held.cancel();
					}
					this.body.completeExceptionally(new SignInError("the provider's answer is too large"));
					return;
				}
				byte[] chunk = new byte[item.remaining()];
				item.get(chunk);
				this.bytes.write(chunk, 0, chunk.length);
			}
		}

		@Override
		public void onError(Throwable error) {
			this.body.completeExceptionally(error);
		}

		@Override
		public void onComplete() {
			this.body.complete(this.bytes.toString(StandardCharsets.UTF_8));
		}

	}

	private static void append(StringBuilder form, String name, String value) {
		form.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
	}

	private static String required(Map<?, ?> document, String field) {
		Object value = document.get(field);
		if (!(value instanceof String text) || !(text.startsWith("https://") || text.startsWith("http://"))) {
			throw new SignInError("the provider's discovery document has no " + field);
		}
		return text;
	}

	/**
	 * An endpoint the gateway itself calls: over https, and not on this machine or a
	 * private network unless the issuer is there too (a discovery document naming
	 * internal addresses would make the gateway call them).
	 */
	private String reachable(String endpoint) {
		URI target = URI.create(endpoint);
		boolean issuerInside = inside(URI.create(this.settings.issuer()).getHost());
		if (!"https".equals(target.getScheme()) && !issuerInside) {
			throw new SignInError("the provider's discovery document names an endpoint without https");
		}
		if (inside(target.getHost()) && !issuerInside) {
			throw new SignInError("the provider's discovery document names an internal address");
		}
		return endpoint;
	}

	/** A loopback, private or link-local host given literally, or localhost. */
	private static boolean inside(@Nullable String host) {
		if (host == null) {
			return true;
		}
		String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		if (bare.equalsIgnoreCase("localhost") || bare.endsWith(".localhost")) {
			return true;
		}
		if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
			return false;
		}
		try {
			InetAddress address = InetAddress.getByName(bare);
			return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
					|| address.isAnyLocalAddress();
		}
		catch (java.net.UnknownHostException ex) {
			return true;
		}
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/** Why a sign-in failed, shown on the login page (never a token or a secret). */
	static final class SignInError extends RuntimeException {

		SignInError(String message) {
			super(message, null, false, false);
		}

	}

}
