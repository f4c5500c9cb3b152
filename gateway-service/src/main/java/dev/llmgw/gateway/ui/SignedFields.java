package dev.llmgw.gateway.ui;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Fields the server hands a browser to bring back unchanged (the session, the sign-in's
 * state): each base64url, joined by dots, then an HMAC-SHA256 over them. Opening checks
 * the MAC in constant time before reading anything.
 */
final class SignedFields {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	/** A value longer than this is not read at all. */
	private static final int MAX_LENGTH = 4096;

	private SignedFields() {
	}

	/**
	 * @param purpose what the value is for, inside the MAC but not the value: a value
	 * sealed for one purpose never opens as another (a sign-in's state as a session)
	 */
	static String seal(byte[] key, String purpose, List<String> fields) {
		List<String> parts = new ArrayList<>();
		fields.forEach((field) -> parts.add(ENCODER.encodeToString(field.getBytes(StandardCharsets.UTF_8))));
		String body = String.join(".", parts);
		return body + "." + ENCODER.encodeToString(mac(key, purpose + "\n" + body));
	}

	/**
	 * @return the fields, or null when the value is absent, malformed or not ours
	 */
	static @Nullable List<String> open(@Nullable String sealed, byte[] key, String purpose, int count) {
		if (sealed == null || sealed.isEmpty() || sealed.length() > MAX_LENGTH) {
			return null;
		}
		int lastDot = sealed.lastIndexOf('.');
		if (lastDot <= 0) {
			return null;
		}
		String body = sealed.substring(0, lastDot);
		try {
			if (!MessageDigest.isEqual(DECODER.decode(sealed.substring(lastDot + 1)),
					mac(key, purpose + "\n" + body))) {
				return null;
			}
			String[] parts = body.split("\\.", -1);
			if (parts.length != count) {
				return null;
			}
			List<String> fields = new ArrayList<>();
			for (String part : parts) {
				fields.add(new String(DECODER.decode(part), StandardCharsets.UTF_8));
			}
			return fields;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static String random(int bytes) {
		return ENCODER.encodeToString(dev.llmgw.ids.Ids.randomBytes(bytes));
	}

	/** HMAC-SHA256 of the text under the key. */
	static byte[] hmac(byte[] key, String text) {
		return mac(key, text);
	}

	private static byte[] mac(byte[] key, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is missing from this JVM", ex);
		}
	}

}
