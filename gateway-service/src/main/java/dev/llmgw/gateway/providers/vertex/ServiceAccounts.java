package dev.llmgw.gateway.providers.vertex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.llmgw.gateway.config.ConfigException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a service account key from its {@link CredentialSource}: the file (read here,
 * which may block, so only when a deployment is created or on a worker thread), the JSON,
 * and its PKCS#8 private key. Failures say what is wrong and where, never the key or the
 * JSON.
 */
final class ServiceAccounts {

	static final String GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";

	private static final Pattern PEM = Pattern
		.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

	private final JsonMapper mapper;

	ServiceAccounts(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * @throws ConfigException naming the source when the account cannot be used
	 */
	ServiceAccount load(CredentialSource source) {
		String where = source.label();
		String json;
		if (source.value() instanceof String text && !source.isJson()) {
			Path path = Path.of(text.trim());
			where = source.label() + " (" + text + ")";
			if (!Files.isRegularFile(path)) {
				throw new ConfigException(source.label() + ": no such file: "
						+ (text.contains("PRIVATE KEY") ? "(a value that is neither a path nor JSON)" : path));
			}
			try {
				json = Files.readString(path);
			}
			catch (IOException ex) {
				throw new ConfigException(where + ": cannot be read: " + ex.getClass().getSimpleName());
			}
		}
		else {
			json = (source.value() instanceof String text) ? text : this.mapper.writeValueAsString(source.value());
		}
		ServiceAccountKey key;
		try {
			key = this.mapper.readValue(json, ServiceAccountKey.class);
		}
		catch (JacksonException ex) {
			throw new ConfigException(where + ": not a service account key file (not JSON)");
		}
		if (key == null) {
			throw new ConfigException(where + ": not a service account key file (empty)");
		}
		if (key.type() != null && !"service_account".equals(key.type())) {
			throw new ConfigException(where + ": credentials of type " + key.type()
					+ " are not supported; use a service account key (type service_account)");
		}
		if (key.clientEmail() == null || key.clientEmail().isBlank()) {
			throw new ConfigException(where + ": the service account key has no client_email");
		}
		if (key.privateKey() == null || key.privateKey().isBlank()) {
			throw new ConfigException(where + ": service account " + key.clientEmail() + " has no private_key");
		}
		RSAPrivateKey privateKey = privateKey(key.privateKey(), where, key.clientEmail());
		String tokenUri = (key.tokenUri() != null && !key.tokenUri().isBlank()) ? key.tokenUri() : GOOGLE_TOKEN_URI;
		return new ServiceAccount(key.clientEmail(), key.privateKeyId(), privateKey, tokenUri, key.projectId(), where);
	}

	private static RSAPrivateKey privateKey(String pem, String where, String clientEmail) {
		// a key pasted into YAML or an environment variable may keep its newlines escaped
		Matcher block = PEM.matcher(pem.replace("\\n", "\n"));
		if (!block.find()) {
			throw new ConfigException(where + ": the private_key of service account " + clientEmail
					+ " is not a PEM PRIVATE KEY (PKCS#8)");
		}
		try {
			byte[] der = Base64.getMimeDecoder().decode(block.group(1));
			if (KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateKey rsa) {
				return rsa;
			}
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			// reported below, without the key
		}
		throw new ConfigException(
				where + ": the private_key of service account " + clientEmail + " is not a readable RSA key");
	}

}
