package dev.llmgw.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, SHA-1 and MD5 of bytes and strings (strings as UTF-8), in one place for both
 * services.
 * <p>
 * Each call clones a digest made once per algorithm instead of asking
 * {@code MessageDigest.getInstance}, which searches the security providers and checks the
 * algorithm against the JDK's constraints every time: on a cache hit that search cost
 * more than hashing the caller's key. The prototypes are never updated, so cloning them
 * from any thread is safe.
 */
public final class Digests {

	private static final MessageDigest SHA_256 = create("SHA-256");

	private static final MessageDigest SHA_1 = create("SHA-1");

	private static final MessageDigest MD5 = create("MD5");

	private static final HexFormat HEX = HexFormat.of();

	private Digests() {
	}

	public static byte[] sha256(byte[] bytes) {
		return fresh(SHA_256).digest(bytes);
	}

	public static byte[] sha256(String text) {
		return sha256(text.getBytes(StandardCharsets.UTF_8));
	}

	/** The lowercase hex SHA-256 of a string's UTF-8 bytes. */
	public static String sha256Hex(String text) {
		return HEX.formatHex(sha256(text));
	}

	/** For names that must match another system's (Redis script ids), not for secrets. */
	public static byte[] sha1(byte[] bytes) {
		return fresh(SHA_1).digest(bytes);
	}

	/** For checksums a protocol asks for (S3's Content-MD5, ETags), not for secrets. */
	public static byte[] md5(byte[] bytes) {
		return fresh(MD5).digest(bytes);
	}

	private static MessageDigest fresh(MessageDigest prototype) {
		try {
			return (MessageDigest) prototype.clone();
		}
		catch (CloneNotSupportedException ex) {
			// the JDK's own providers clone; another provider may not
			return create(prototype.getAlgorithm());
		}
	}

	private static MessageDigest create(String algorithm) {
		try {
			return MessageDigest.getInstance(algorithm);
		}
		catch (NoSuchAlgorithmException ex) {
			// every Java platform must provide these three
			throw new IllegalStateException(ex);
		}
	}

}
