package dev.llmgw.middleware.okta;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Verifies Okta access tokens with nimbus-jose-jwt: the signature against the issuer's
 * keys ({@link OktaKeys}: found through its discovery document, cached, fetched again
 * when a token names a key not seen yet, as after a rotation, but at most once per
 * refresh interval), only RSA and EC signatures (an unsigned {@code alg: none} token
 * never passes), and {@code iss}, {@code aud}, {@code exp} and {@code nbf} with a minute
 * of clock skew. Blocking I/O: call it off the event loops.
 */
final class OktaTokenVerifier {

	private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
			JWSAlgorithm.RS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384);

	private static final int CLOCK_SKEW_SECONDS = 60;

	private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

	/**
	 * @param issuer the issuer tokens must name, whose keys sign them
	 * @param audience the audience tokens must name
	 * @param minRefreshInterval the least time between two fetches of the issuer's keys
	 * @param clock the time the refresh interval is measured in
	 */
	OktaTokenVerifier(String issuer, String audience, Duration minRefreshInterval, Clock clock) {
		this.processor.setJWSKeySelector(
				new JWSVerificationKeySelector<>(ALGORITHMS, new OktaKeys(issuer, minRefreshInterval, clock)));
		DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audience,
				new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp"));
		claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
		this.processor.setJWTClaimsSetVerifier(claims);
	}

	/**
	 * @param token the bearer token
	 * @return its claims
	 * @throws InvalidTokenException when it is not a valid token of this issuer for this
	 * audience
	 */
	JWTClaimsSet verify(String token) {
		try {
			return this.processor.process(token, null);
		}
		catch (ParseException | BadJOSEException | JOSEException ex) {
			throw new InvalidTokenException(ex.getMessage());
		}
	}

}
