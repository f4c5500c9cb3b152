package dev.llmgw.fake.google;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The public keys of the service accounts a test registered, by {@code client_email}. An
 * assertion from a registered account must be signed by its key; one from any other
 * account is taken on trust, so that a test that does not care about keys needs none.
 * <p>
 * A key comes the way a test has it at hand: a PEM public key or X.509 certificate
 * ({@code public_key}), a JWK ({@code jwk}), or the service account JSON itself, whose
 * {@code private_key} the public key is taken from.
 */
final class ServiceAccountKeys {

	private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

	private final Map<String, RegisteredKey> byClientEmail = new ConcurrentHashMap<>();

	/**
	 * @return the registered key
	 * @throws IllegalArgumentException when the body names no account or holds no
	 * readable RSA key
	 */
	RegisteredKey register(JsonNode body) {
		String clientEmail = body.path("client_email").asString("");
		if (clientEmail.isBlank()) {
			throw new IllegalArgumentException("client_email is required");
		}
		RegisteredKey key;
		if (body.path("jwk").isObject()) {
			key = fromJwk(clientEmail, body.path("jwk"));
		}
		else if (body.path("public_key").isString()) {
			key = new RegisteredKey(clientEmail, publicKey(body.path("public_key").stringValue()), keyId(body));
		}
		else if (body.path("private_key").isString()) {
			key = new RegisteredKey(clientEmail, fromPrivateKey(body.path("private_key").stringValue()), keyId(body));
		}
		else {
			throw new IllegalArgumentException("one of public_key (PEM), jwk or private_key (PEM) is required");
		}
		this.byClientEmail.put(clientEmail, key);
		return key;
	}

	@Nullable RegisteredKey find(String clientEmail) {
		return this.byClientEmail.get(clientEmail);
	}

	List<RegisteredKey> all() {
		return new ArrayList<>(this.byClientEmail.values());
	}

	void clear() {
		this.byClientEmail.clear();
	}

	// a service account JSON names its key private_key_id, a JWK kid
	private static @Nullable String keyId(JsonNode body) {
		for (String name : List.of("key_id", "kid", "private_key_id")) {
			if (body.path(name).isString()) {
				return body.path(name).stringValue();
			}
		}
		return null;
	}

	private static RegisteredKey fromJwk(String clientEmail, JsonNode jwk) {
		try {
			RSAKey key = RSAKey.parse(jwk.toString());
			return new RegisteredKey(clientEmail, key.toRSAPublicKey(), key.getKeyID());
		}
		catch (ParseException | JOSEException ex) {
			throw new IllegalArgumentException("jwk is not an RSA key: " + ex.getMessage(), ex);
		}
	}

	private static RSAPublicKey publicKey(String pem) {
		Matcher block = pem(pem);
		byte[] der = Base64.getMimeDecoder().decode(block.group(2));
		try {
			PublicKey key = switch (block.group(1)) {
				case "PUBLIC KEY" -> KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
				case "CERTIFICATE" -> CertificateFactory.getInstance("X.509")
					.generateCertificate(new ByteArrayInputStream(der))
					.getPublicKey();
				default -> throw new IllegalArgumentException(
						"public_key must be a PEM PUBLIC KEY or CERTIFICATE, was " + block.group(1));
			};
			if (key instanceof RSAPublicKey rsa) {
				return rsa;
			}
			throw new IllegalArgumentException("public_key is not an RSA key");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("public_key is not readable: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The public half of a service account's PKCS#8 private key: an RSA private key in
	 * its CRT form carries the public exponent.
	 */
	private static RSAPublicKey fromPrivateKey(String pem) {
		Matcher block = pem(pem);
		if (!block.group(1).equals("PRIVATE KEY")) {
			throw new IllegalArgumentException("private_key must be a PEM PRIVATE KEY (PKCS#8), was " + block.group(1));
		}
		try {
			KeyFactory rsa = KeyFactory.getInstance("RSA");
			if (rsa.generatePrivate(new PKCS8EncodedKeySpec(
					Base64.getMimeDecoder().decode(block.group(2)))) instanceof RSAPrivateCrtKey key) {
				return (RSAPublicKey) rsa
					.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
			}
			throw new IllegalArgumentException("private_key carries no public exponent");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("private_key is not readable: " + ex.getMessage(), ex);
		}
	}

	private static Matcher pem(String pem) {
		// service account JSON files hold the PEM with its newlines escaped once more
		Matcher block = PEM.matcher(pem.replace("\\n", "\n"));
		if (!block.find()) {
			throw new IllegalArgumentException("not a PEM block");
		}
		return block;
	}

	/**
	 * One service account's key.
	 *
	 * @param clientEmail the account
	 * @param publicKey what its assertions must verify with
	 * @param keyId the key's id ({@code private_key_id}), which an assertion's
	 * {@code kid} must match when both are given, or null
	 */
	record RegisteredKey(String clientEmail, RSAPublicKey publicKey, @Nullable String keyId) {
	}

}
