package dev.llmgw.ids;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * Random keys and ids for both services. A DRBG seeded once when this class loads (at
 * start-up, off the event loops): the platform default would read /dev/urandom through a
 * blocking stream on every call, on whatever thread asks.
 */
public final class Ids {

	private static final SecureRandom RANDOM = seeded();

	private Ids() {
	}

	/** Loads this class, and so seeds the generator, on the calling (start-up) thread. */
	public static void seedNow() {
		RANDOM.nextInt();
	}

	/**
	 * A new virtual key, LiteLLM's format: "sk-" and 22 base64url characters of 16 random
	 * bytes.
	 */
	public static String newKey() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return "sk-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * @param count how many
	 * @return that many random bytes, e.g. for a cipher's nonce
	 */
	public static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	/** A random (version 4) UUID, for user, team, budget and chat session ids. */
	public static String uuid() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
		bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
		long most = 0;
		long least = 0;
		for (int i = 0; i < 8; i++) {
			most = (most << 8) | (bytes[i] & 0xff);
			least = (least << 8) | (bytes[i + 8] & 0xff);
		}
		return new UUID(most, least).toString();
	}

	private static SecureRandom seeded() {
		try {
			SecureRandom random = SecureRandom.getInstance("DRBG");
			random.nextBytes(new byte[1]);
			return random;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
