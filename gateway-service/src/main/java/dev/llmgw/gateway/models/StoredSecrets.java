package dev.llmgw.gateway.models;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.llmgw.digest.Digests;
import dev.llmgw.gateway.config.ConfigException;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.ids.Ids;
import org.jspecify.annotations.Nullable;

/**
 * Credentials of models added with /model/new, encrypted before they reach the database,
 * as LiteLLM does: with {@code LITELLM_SALT_KEY}, else the master key. Each secret value
 * of litellm_params (api_key, aws_secret_access_key, extra_headers' tokens, ...) is
 * stored as {@code enc:v1:} and base64 of a random nonce and its AES-256-GCM ciphertext,
 * so a database dump or backup holds no usable key. {@code os.environ/} references are
 * stored as they are: they name a variable, not its value. Values stored before
 * encryption was on, or with neither key set, read as they were written.
 */
final class StoredSecrets {

	private static final String PREFIX = "enc:v1:";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final @Nullable SecretKeySpec key;

	private StoredSecrets(@Nullable SecretKeySpec key) {
		this.key = key;
	}

	/**
	 * @param saltKey LITELLM_SALT_KEY, may be blank
	 * @param masterKey the master key, used when there is no salt key
	 * @return the encryption, or none when neither key is set
	 */
	static StoredSecrets of(@Nullable String saltKey, @Nullable String masterKey) {
		String secret = (saltKey != null && !saltKey.isBlank()) ? saltKey
				: (masterKey != null && !masterKey.isBlank()) ? masterKey : null;
		if (secret == null) {
			return new StoredSecrets(null);
		}
		return new StoredSecrets(new SecretKeySpec(Digests.sha256(secret), "AES"));
	}

	boolean enabled() {
		return this.key != null;
	}

	/** litellm_params as they are stored: secret values encrypted. */
	Map<String, Object> seal(Map<String, ?> params) {
		Map<String, Object> sealed = new LinkedHashMap<>();
		params.forEach((name, value) -> sealed.put(name, seal(name, value)));
		return sealed;
	}

	/** litellm_params as stored, secret values decrypted. */
	Map<String, Object> open(Map<String, ?> params) {
		Map<String, Object> opened = new LinkedHashMap<>();
		params.forEach((name, value) -> opened.put(name, open(value)));
		return opened;
	}

	/**
	 * litellm_params as stored, decrypted where possible, and without the values that
	 * cannot be (stored under another key): what /model/update merges new values over, so
	 * a model whose credentials were lost can be given new ones.
	 * @param params the stored params
	 * @param lost receives the names of the values left out
	 * @return the params that could be read
	 */
	Map<String, Object> openReadable(Map<String, ?> params, List<String> lost) {
		Map<String, Object> opened = new LinkedHashMap<>();
		params.forEach((name, value) -> {
			try {
				opened.put(name, open(value));
			}
			catch (ConfigException ex) {
				lost.add(name);
			}
		});
		return opened;
	}

	private Object seal(String name, Object value) {
		if (value instanceof Map<?, ?> nested) {
			Map<String, Object> sealed = new LinkedHashMap<>();
			nested.forEach((key, inner) -> sealed.put(String.valueOf(key), seal(String.valueOf(key), inner)));
			return sealed;
		}
		if (this.key == null || !(value instanceof String text) || !SecretMasking.isSecret(name)
				|| text.startsWith(PREFIX) || EnvironmentLookup.referencedVariable(text) != null) {
			return value;
		}
		try {
			byte[] nonce = Ids.randomBytes(NONCE_BYTES);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			byte[] encrypted = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
			return PREFIX + Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(nonce.length + encrypted.length).put(nonce).put(encrypted).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is part of every Java runtime", ex);
		}
	}

	private Object open(Object value) {
		if (value instanceof Map<?, ?> nested) {
			Map<String, Object> opened = new LinkedHashMap<>();
			nested.forEach((key, inner) -> opened.put(String.valueOf(key), open(inner)));
			return opened;
		}
		if (!(value instanceof String text) || !text.startsWith(PREFIX)) {
			return value;
		}
		if (this.key == null) {
			throw new ConfigException("a credential is stored encrypted, and neither LITELLM_SALT_KEY nor a master key "
					+ "is set to decrypt it");
		}
		try {
			byte[] sealed = Base64.getDecoder().decode(text.substring(PREFIX.length()));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
			return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new ConfigException("a stored credential cannot be decrypted: LITELLM_SALT_KEY (or the master key) "
					+ "is not the one it was stored with");
		}
	}

}
