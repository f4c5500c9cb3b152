package dev.llmgw.middleware.okta;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies Okta access tokens with nimbus-jose-jwt: the signature against the issuer's
 * keys (found through its discovery document, cached, fetched again when a token names a
 * key not seen yet, as after a rotation), only RSA and EC signatures (an unsigned
 * {@code alg: none} token never passes), and {@code iss}, {@code aud}, {@code exp} and
 * {@code nbf} with a minute of clock skew. Blocking I/O: call it off the event loops.
 */
final class OktaTokenVerifier {

	private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
			JWSAlgorithm.RS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384);

	private static final int CLOCK_SKEW_SECONDS = 60;

	private final String issuer;

	private final String audience;

	private volatile @Nullable DefaultJWTProcessor<SecurityContext> processor;

	OktaTokenVerifier(String issuer, String audience) {
		this.issuer = issuer;
		this.audience = audience;
	}

	/**
	 * @param token the bearer token
	 * @return its claims
	 * @throws InvalidTokenException when it is not a valid token of this issuer for this
	 * audience
	 */
	JWTClaimsSet verify(String token) {
		try {
			return processor().process(token, null);
		}
		catch (ParseException | BadJOSEException | JOSEException ex) {
			throw new InvalidTokenException(ex.getMessage());
		}
	}

	private DefaultJWTProcessor<SecurityContext> processor() {
		DefaultJWTProcessor<SecurityContext> current = this.processor;
		if (current != null) {
			return current;
		}
		synchronized (this) {
			if (this.processor == null) {
				JWKSource<SecurityContext> keys = JWKSourceBuilder.create(jwksUrl())
					.cache(Duration.ofHours(1).toMillis(), Duration.ofSeconds(10).toMillis())
					.refreshAheadCache(false)
					.rateLimited(false)
					.build();
				DefaultJWTProcessor<SecurityContext> created = new DefaultJWTProcessor<>();
				created.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
				DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(this.audience,
						new JWTClaimsSet.Builder().issuer(this.issuer).build(), Set.of("sub", "exp"));
				claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
				created.setJWTClaimsSetVerifier(claims);
				this.processor = created;
			}
			return this.processor;
		}
	}

	/** The issuer's {@code jwks_uri}, from its OpenID discovery document. */
	private URL jwksUrl() {
		String discovery = (this.issuer.endsWith("/") ? this.issuer : this.issuer + "/")
				+ ".well-known/openid-configuration";
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(discovery)).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.ofString());
			String jwks = JsonMapper.builder().build().readTree(response.body()).path("jwks_uri").asString(null);
			if (response.statusCode() != 200 || jwks == null) {
				throw new InvalidTokenException("the issuer's discovery document has no jwks_uri");
			}
			return URI.create(jwks).toURL();
		}
		catch (IOException ex) {
			throw new InvalidTokenException("the issuer cannot be reached: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InvalidTokenException("interrupted");
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidTokenException("bad jwks_uri");
		}
	}

}
