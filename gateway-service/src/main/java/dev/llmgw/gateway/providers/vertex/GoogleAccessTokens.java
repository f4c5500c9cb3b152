package dev.llmgw.gateway.providers.vertex;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.UpstreamUnavailableError;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access tokens for service accounts, as Google's client libraries get them
 * (https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests):
 * an RS256 JWT ({@code iss} the account, {@code scope} cloud-platform, {@code aud} its
 * {@code token_uri}, an hour's lifetime, {@code kid} its key id) exchanged at the
 * {@code token_uri} with the JWT-bearer grant. One token per account, shared by
 * concurrent calls, fetched by one request at a time and renewed five minutes before it
 * expires. The JWT is signed on a worker thread: RSA signing draws on a
 * {@code SecureRandom} for blinding, which may read the system's entropy.
 */
final class GoogleAccessTokens {

	static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

	private static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	private static final Duration LIFETIME = Duration.ofHours(1);

	private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

	private static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(30);

	/** As long as a cache may keep a value without its expiry overflowing. */
	private static final Duration KEPT = Duration.ofSeconds(Long.MAX_VALUE / 2_000_000_000L);

	private final HttpClient http;

	private final JsonMapper mapper;

	private final Clock clock;

	private final Map<String, Mono<Token>> tokens = new ConcurrentHashMap<>();

	GoogleAccessTokens(HttpClient http, JsonMapper mapper, Clock clock) {
		this.http = http;
		this.mapper = mapper;
		this.clock = clock;
	}

	/**
	 * @return a live access token of the account
	 */
	Mono<String> token(ServiceAccount account) {
		String key = account.cacheKey();
		return Mono.defer(() -> {
			Mono<Token> cached = this.tokens.computeIfAbsent(key, (ignored) -> fetch(account));
			return cached.flatMap((token) -> {
				if (token.freshAt(this.clock.instant())) {
					return Mono.just(token.value());
				}
				// replace a stale entry once; concurrent callers share the new request
				this.tokens.replace(key, cached, fetch(account));
				return this.tokens.computeIfAbsent(key, (ignored) -> fetch(account)).map(Token::value);
			});
		});
	}

	/**
	 * Forgets the account's token, after Vertex AI refused it, so that the next call
	 * fetches another.
	 */
	void invalidate(ServiceAccount account) {
		this.tokens.remove(account.cacheKey());
	}

	private Mono<Token> fetch(ServiceAccount account) {
		return Mono.fromCallable(() -> assertion(account))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((assertion) -> exchange(account, assertion))
			// shared while it lasts; a failure is not kept, so the next call tries again
			.cache((token) -> KEPT, (error) -> Duration.ZERO, () -> Duration.ZERO);
	}

	private String assertion(ServiceAccount account) throws JOSEException {
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(account.clientEmail())
			.audience(account.tokenUri())
			.claim("scope", SCOPE)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(LIFETIME)))
			.build();
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
			.keyID(account.keyId())
			.build();
		SignedJWT jwt = new SignedJWT(header, claims);
		jwt.sign(new RSASSASigner(account.privateKey()));
		return jwt.serialize();
	}

	private Mono<Token> exchange(ServiceAccount account, String assertion) {
		byte[] form = ("grant_type=" + URLEncoder.encode(GRANT_TYPE, StandardCharsets.UTF_8) + "&assertion="
				+ URLEncoder.encode(assertion, StandardCharsets.UTF_8))
			.getBytes(StandardCharsets.UTF_8);
		Instant asked = this.clock.instant();
		return this.http
			.headers((headers) -> headers.set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded")
				.set(HttpHeaderNames.ACCEPT, "application/json"))
			.responseTimeout(TOKEN_TIMEOUT)
			.post()
			.uri(account.tokenUri())
			.send(Mono.just(Unpooled.wrappedBuffer(form)))
			.responseSingle((response, body) -> body.asByteArray()
				.defaultIfEmpty(new byte[0])
				.map((bytes) -> token(account, response.status().code(), bytes, asked)))
			.onErrorMap((error) -> !(error instanceof AuthenticationError),
					(error) -> new UpstreamUnavailableError("litellm.APIConnectionError: VertexAIException - cannot "
							+ "reach the token endpoint " + account.tokenUri() + " for the " + account.describe() + ": "
							+ error.getClass().getSimpleName()));
	}

	private Token token(ServiceAccount account, int status, byte[] body, Instant asked) {
		GoogleTokenResponse response;
		try {
			response = this.mapper.readValue(body, GoogleTokenResponse.class);
		}
		catch (JacksonException ex) {
			response = null;
		}
		if (status != 200 || response == null || response.accessToken() == null) {
			String why = (response != null && response.error() != null)
					? response.error()
							+ ((response.errorDescription() != null) ? ": " + response.errorDescription() : "")
					: "HTTP " + status;
			throw new AuthenticationError("litellm.AuthenticationError: VertexAIException - Google's token endpoint "
					+ account.tokenUri() + " refused the " + account.describe() + ": " + why);
		}
		long seconds = (response.expiresIn() != null) ? response.expiresIn() : LIFETIME.toSeconds();
		return new Token(response.accessToken(), asked.plusSeconds(seconds).minus(RENEW_BEFORE));
	}

	/**
	 * @param value the bearer token
	 * @param renewAt when to fetch the next one
	 */
	private record Token(String value, Instant renewAt) {

		boolean freshAt(Instant now) {
			return now.isBefore(this.renewAt);
		}

		@Override
		public String toString() {
			return "Token[redacted, renew at " + this.renewAt + "]";
		}

	}

}
