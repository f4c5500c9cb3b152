package dev.llmgw.fake.google;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.llmgw.fake.TestServer;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service account with a freshly generated key, signing assertions as Google's client
 * libraries do: RS256, {@code kid} the key id, {@code iss} the account, {@code aud} the
 * token URI, {@code scope} and an hour between {@code iat} and {@code exp}.
 */
public final class ServiceAccount {

	public static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";

	private final String clientEmail;

	private final String keyId;

	private final KeyPair keys;

	private ServiceAccount(String clientEmail, String keyId, KeyPair keys) {
		this.clientEmail = clientEmail;
		this.keyId = keyId;
		this.keys = keys;
	}

	public static ServiceAccount generate(String clientEmail) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return new ServiceAccount(clientEmail, "key-" + Math.abs(clientEmail.hashCode()),
					generator.generateKeyPair());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The same account with another key, as a rotated or stolen one would sign.
	 */
	public ServiceAccount withOtherKey() {
		ServiceAccount other = generate(this.clientEmail);
		return new ServiceAccount(this.clientEmail, this.keyId, other.keys);
	}

	public String clientEmail() {
		return this.clientEmail;
	}

	public String keyId() {
		return this.keyId;
	}

	/** An assertion for the token endpoint the test server runs. */
	public String assertion(TestServer server) {
		return assertion(tokenUri(server), CLOUD_PLATFORM, Instant.now(), Instant.now().plus(Duration.ofHours(1)));
	}

	public String assertion(String audience, @Nullable String scope, Instant issuedAt, Instant expiresAt) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.clientEmail)
			.audience(audience)
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(expiresAt));
		if (scope != null) {
			claims.claim("scope", scope);
		}
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(this.keyId).build(),
				claims.build());
		try {
			jwt.sign(new RSASSASigner(this.keys.getPrivate()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	public static String tokenUri(TestServer server) {
		return server.server().baseUrl() + "/token";
	}

	/** The token request's form, as google-auth sends it. */
	public static String form(String grantType, String assertion) {
		return "grant_type=" + URLEncoder.encode(grantType, StandardCharsets.UTF_8) + "&assertion="
				+ URLEncoder.encode(assertion, StandardCharsets.UTF_8);
	}

	public static HttpResponse<String> requestToken(TestServer server, String assertion) {
		return server.post("/token", form("urn:ietf:params:oauth:grant-type:jwt-bearer", assertion), "Content-Type",
				"application/x-www-form-urlencoded");
	}

	/** Exchanges an assertion for an access token, asserting it is granted. */
	public String token(TestServer server) {
		HttpResponse<String> response = requestToken(server, assertion(server));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return TestServer.json(response.body()).path("access_token").asString();
	}

	public String publicKeyPem() {
		return pem("PUBLIC KEY", this.keys.getPublic().getEncoded());
	}

	public String jwk() {
		return new RSAKey.Builder((RSAPublicKey) this.keys.getPublic()).keyID(this.keyId).build().toJSONString();
	}

	/** The account's JSON key file, as the console downloads it. */
	public String json(String tokenUri) {
		return "{\"type\":\"service_account\",\"project_id\":\"fake-project\",\"private_key_id\":\"" + this.keyId
				+ "\",\"private_key\":\"" + pem("PRIVATE KEY", this.keys.getPrivate().getEncoded()).replace("\n", "\\n")
				+ "\",\"client_email\":\"" + this.clientEmail + "\",\"token_uri\":\"" + tokenUri + "\"}";
	}

	/** Registers this account's public key with the fake, as PEM. */
	public void register(TestServer server) {
		HttpResponse<String> response = server.post("/fake/google/service-accounts",
				"{\"client_email\":\"" + this.clientEmail + "\",\"public_key\":\"" + publicKeyPem().replace("\n", "\\n")
						+ "\",\"key_id\":\"" + this.keyId + "\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
