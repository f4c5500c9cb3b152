package dev.llmgw.fake.google;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Checks a service account's JWT-bearer assertion as Google's token endpoint does: an
 * RS256 JWS whose {@code iss} is the account, whose {@code aud} is the token endpoint,
 * whose {@code iat} and {@code exp} span at most an hour around now, with a
 * {@code scope}, and, when the account's key is registered, signed by that key.
 *
 * @see <a href=
 * "https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests">Using
 * OAuth 2.0 for server to server applications</a>
 */
final class JwtBearerGrant {

	static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	/**
	 * The token endpoints Google accepts as the audience besides the one the request was
	 * sent to: today's and the two older ones client libraries still carry.
	 */
	private static final List<String> GOOGLE_TOKEN_URIS = List.of("https://oauth2.googleapis.com/token",
			"https://www.googleapis.com/oauth2/v4/token", "https://accounts.google.com/o/oauth2/token");

	private static final Duration MAX_LIFETIME = Duration.ofHours(1);

	// how far ahead of the server's clock a client's may run
	private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	private static final String BAD_TIMES = "Invalid JWT: Token must be a short-lived token (60 minutes) and in a "
			+ "reasonable timeframe. Check your iat and exp values in the JWT claim.";

	private final ServiceAccountKeys keys;

	JwtBearerGrant(ServiceAccountKeys keys) {
		this.keys = keys;
	}

	/**
	 * @param grantType the form's {@code grant_type}
	 * @param assertion the form's {@code assertion}
	 * @param tokenUris the addresses the request could have been sent to, from its
	 * {@code Host}
	 * @param now the time to check {@code iat} and {@code exp} against
	 * @return the account and the scopes to grant
	 * @throws OAuthError when Google would refuse the request
	 */
	Granted check(@Nullable String grantType, @Nullable String assertion, List<String> tokenUris, Instant now) {
		if (!GRANT_TYPE.equals(grantType)) {
			throw new OAuthError(400, "unsupported_grant_type", "Invalid grant_type: " + grantType);
		}
		if (assertion == null || assertion.isBlank()) {
			throw new OAuthError(400, "invalid_request", "Missing required parameter: assertion");
		}
		SignedJWT jwt = parse(assertion);
		if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
			throw OAuthError.invalidGrant(
					"Invalid JWT: the signing algorithm must be RS256, was " + jwt.getHeader().getAlgorithm() + ".");
		}
		JWTClaimsSet claims = claims(jwt);
		String clientEmail = claims.getIssuer();
		if (clientEmail == null || clientEmail.isBlank()) {
			throw OAuthError.invalidGrant("Invalid JWT: No issuer (iss) claim.");
		}
		verifySignature(jwt, clientEmail);
		checkAudience(claims.getAudience(), tokenUris);
		checkTimes(claims.getIssueTime(), claims.getExpirationTime(), now);
		Set<String> scopes = scopes(claims);
		if (scopes.isEmpty()) {
			throw new OAuthError(400, "invalid_scope", "Invalid OAuth scope or ID token audience provided.");
		}
		return new Granted(clientEmail, scopes);
	}

	private static SignedJWT parse(String assertion) {
		try {
			return SignedJWT.parse(assertion);
		}
		catch (ParseException ex) {
			throw OAuthError.invalidGrant("Invalid JWT: the assertion is not a signed JWT.");
		}
	}

	private static JWTClaimsSet claims(SignedJWT jwt) {
		try {
			return jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw OAuthError.invalidGrant("Invalid JWT: the claims are not a JSON object.");
		}
	}

	private void verifySignature(SignedJWT jwt, String clientEmail) {
		ServiceAccountKeys.RegisteredKey key = this.keys.find(clientEmail);
		if (key == null) {
			return;
		}
		// Google looks the key up by kid, so an assertion naming another key fails
		// even if some key of the account would verify it
		String kid = jwt.getHeader().getKeyID();
		boolean sameKey = kid == null || key.keyId() == null || kid.equals(key.keyId());
		try {
			if (sameKey && jwt.verify(new RSASSAVerifier(key.publicKey()))) {
				return;
			}
		}
		catch (JOSEException ex) {
			// a signature that cannot be checked is a bad one
		}
		throw OAuthError.invalidGrant("Invalid JWT Signature.");
	}

	private static void checkAudience(@Nullable List<String> audience, List<String> tokenUris) {
		if (audience != null) {
			for (String value : audience) {
				if (tokenUris.contains(value) || GOOGLE_TOKEN_URIS.contains(value)) {
					return;
				}
			}
		}
		throw OAuthError.invalidGrant("Invalid JWT: Failed audience check. The expected value was "
				+ (tokenUris.isEmpty() ? GOOGLE_TOKEN_URIS.get(0) : tokenUris.get(0)) + " but the value found was "
				+ ((audience == null || audience.isEmpty()) ? "none" : String.join(", ", audience)) + ".");
	}

	private static void checkTimes(@Nullable Date issuedAt, @Nullable Date expiresAt, Instant now) {
		if (issuedAt == null || expiresAt == null) {
			throw OAuthError.invalidGrant(BAD_TIMES);
		}
		Instant iat = issuedAt.toInstant();
		Instant exp = expiresAt.toInstant();
		boolean valid = !exp.isBefore(iat) && Duration.between(iat, exp).compareTo(MAX_LIFETIME) <= 0
				&& exp.isAfter(now) && !iat.isAfter(now.plus(CLOCK_SKEW));
		if (!valid) {
			throw OAuthError.invalidGrant(BAD_TIMES);
		}
	}

	// the scope claim is one space-separated string
	private static Set<String> scopes(JWTClaimsSet claims) {
		Set<String> scopes = new LinkedHashSet<>();
		if (claims.getClaim("scope") instanceof String scope) {
			for (String name : scope.trim().split("\\s+")) {
				if (!name.isEmpty()) {
					scopes.add(name);
				}
			}
		}
		return scopes;
	}

	/**
	 * An accepted assertion.
	 *
	 * @param clientEmail the service account, the assertion's {@code iss}
	 * @param scopes the scopes it asked for
	 */
	record Granted(String clientEmail, Set<String> scopes) {
	}

}
