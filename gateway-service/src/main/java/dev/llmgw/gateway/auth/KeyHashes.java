package dev.llmgw.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Key digests. Virtual keys are stored and looked up as the lowercase hex SHA-256 of the
 * raw key, unsalted, as LiteLLM stores them, so that existing key ids keep meaning the
 * same keys.
 */
public final class KeyHashes {

	private KeyHashes() {
	}

	public static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String sha256Hex(String value) {
		return HexFormat.of().formatHex(sha256(value));
	}

}
