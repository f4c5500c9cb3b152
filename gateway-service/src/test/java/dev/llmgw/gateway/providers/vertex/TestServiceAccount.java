package dev.llmgw.gateway.providers.vertex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service account key file as the Google Cloud console writes one, with a freshly
 * generated RSA key, for tests.
 *
 * @param clientEmail the account
 * @param keyId its {@code private_key_id}
 * @param keys the key pair; the file holds the private half as PKCS#8 PEM
 * @param tokenUri the file's {@code token_uri}
 * @param projectId the file's {@code project_id}, or null
 */
record TestServiceAccount(String clientEmail, String keyId, KeyPair keys, String tokenUri, @Nullable String projectId) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static TestServiceAccount generate(String clientEmail, String tokenUri, @Nullable String projectId) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return new TestServiceAccount(clientEmail, "key-" + Integer.toHexString(clientEmail.hashCode()),
					generator.generateKeyPair(), tokenUri, projectId);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The same account and key id with another key, as a stale or forged file has. */
	TestServiceAccount withOtherKey() {
		return new TestServiceAccount(this.clientEmail, this.keyId,
				generate(this.clientEmail, this.tokenUri, this.projectId).keys(), this.tokenUri, this.projectId);
	}

	RSAPublicKey publicKey() {
		return (RSAPublicKey) this.keys.getPublic();
	}

	/** The base64 of the private key, which no message may ever show. */
	String privateKeyBase64() {
		return Base64.getEncoder().encodeToString(this.keys.getPrivate().getEncoded());
	}

	String json() {
		Map<String, Object> file = new LinkedHashMap<>();
		file.put("type", "service_account");
		if (this.projectId != null) {
			file.put("project_id", this.projectId);
		}
		file.put("private_key_id", this.keyId);
		file.put("private_key",
				"-----BEGIN PRIVATE KEY-----\n"
						+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(this.keys.getPrivate().getEncoded())
						+ "\n-----END PRIVATE KEY-----\n");
		file.put("client_email", this.clientEmail);
		file.put("client_id", "1234567890");
		file.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
		file.put("token_uri", this.tokenUri);
		return JSON.writeValueAsString(file);
	}

	Path write(Path directory) {
		try {
			Path file = Files.createTempFile(directory, "service-account", ".json");
			Files.writeString(file, json());
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String toString() {
		return "TestServiceAccount[" + this.clientEmail + "]";
	}

}
