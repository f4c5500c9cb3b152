package dev.llmgw.gateway.auth;

import dev.llmgw.digest.Digests;

/**
 * Key digests. Virtual keys are stored and looked up as the lowercase hex SHA-256 of the
 * raw key, unsalted, as LiteLLM stores them, so that existing key ids keep meaning the
 * same keys.
 */
public final class KeyHashes {

	private KeyHashes() {
	}

	public static byte[] sha256(String value) {
		return Digests.sha256(value);
	}

	public static String sha256Hex(String value) {
		return Digests.sha256Hex(value);
	}

}
