package dev.llmgw.gateway.ui;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.llmgw.ids.Ids;
import dev.llmgw.gateway.web.ExchangeAttribute;
import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * A signed, stateless UI login: who (the admin by name, a virtual key by its hash, or a
 * single-sign-on user by id), until when, and the CSRF token every form repeats. The
 * cookie is the fields, each base64url, joined by dots, and an HMAC-SHA256 over them; it
 * holds no key and no password.
 *
 * @param kind how the user logged in
 * @param subject the admin's name, the key's hash or the user's id
 * @param name what the pages show as the signed-in user
 * @param expiresAt the end of the session
 * @param csrf the token every form and every script's unsafe request carries
 */
record UiSession(Kind kind, String subject, String name, Instant expiresAt, String csrf) {

	static final String COOKIE = "llmgw_ui_session";

	private static final ExchangeAttribute<UiSession> ATTRIBUTE = ExchangeAttribute.of(UiSession.class,
			UiSession.class);

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	/** A cookie longer than this is not read at all. */
	private static final int MAX_COOKIE = 2048;

	enum Kind {

		ADMIN, KEY, USER

	}

	/** A new session, with a CSRF token of its own (a login never reuses a session). */
	static UiSession start(Kind kind, String subject, String name, Instant expiresAt) {
		byte[] token = Ids.randomBytes(24);
		return new UiSession(kind, subject, name, expiresAt, ENCODER.encodeToString(token));
	}

	static @Nullable UiSession of(ServerWebExchange exchange) {
		return ATTRIBUTE.get(exchange);
	}

	void attach(ServerWebExchange exchange) {
		ATTRIBUTE.put(exchange, this);
	}

	String seal(byte[] signingKey) {
		String body = String.join(".", part(this.kind.name()), part(this.subject), part(this.name),
				part(Long.toString(this.expiresAt.getEpochSecond())), part(this.csrf));
		return body + "." + ENCODER.encodeToString(mac(signingKey, body));
	}

	/**
	 * @return the session the cookie holds, or null when it is absent, forged, malformed
	 * or expired
	 */
	static @Nullable UiSession open(@Nullable String cookie, byte[] signingKey, Instant now) {
		if (cookie == null || cookie.isEmpty() || cookie.length() > MAX_COOKIE) {
			return null;
		}
		int lastDot = cookie.lastIndexOf('.');
		if (lastDot <= 0) {
			return null;
		}
		String body = cookie.substring(0, lastDot);
		try {
			byte[] given = DECODER.decode(cookie.substring(lastDot + 1));
			if (!MessageDigest.isEqual(given, mac(signingKey, body))) {
				return null;
			}
			String[] parts = body.split("\\.", -1);
			if (parts.length != 5) {
				return null;
			}
			Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(text(parts[3])));
			if (!now.isBefore(expiresAt)) {
				return null;
			}
			return new UiSession(Kind.valueOf(text(parts[0])), text(parts[1]), text(parts[2]), expiresAt,
					text(parts[4]));
		}
		catch (IllegalArgumentException ex) {
			// not base64, not a number, not a kind: not ours
			return null;
		}
	}

	/** Whether a form's or a header's token is this session's, in constant time. */
	boolean csrfMatches(@Nullable String given) {
		return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
				this.csrf.getBytes(StandardCharsets.UTF_8));
	}

	private static String part(String value) {
		return ENCODER.encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

	private static String text(String part) {
		return new String(DECODER.decode(part), StandardCharsets.UTF_8);
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
