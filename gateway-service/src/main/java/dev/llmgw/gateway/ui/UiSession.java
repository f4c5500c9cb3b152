package dev.llmgw.gateway.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;

import dev.llmgw.gateway.web.ExchangeAttribute;
import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * A signed, stateless UI login: who (the admin by name, a virtual key by its hash, or a
 * single-sign-on user by id), until when, and the CSRF token every form repeats. The
 * cookie is the fields, each base64url, joined by dots, and an HMAC-SHA256 over them; it
 * holds no key and no password ({@link SignedFields}).
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

	enum Kind {

		ADMIN, KEY, USER

	}

	/** A new session, with a CSRF token of its own (a login never reuses a session). */
	static UiSession start(Kind kind, String subject, String name, Instant expiresAt) {
		return new UiSession(kind, subject, name, expiresAt, SignedFields.random(24));
	}

	static @Nullable UiSession of(ServerWebExchange exchange) {
		return ATTRIBUTE.get(exchange);
	}

	void attach(ServerWebExchange exchange) {
		ATTRIBUTE.put(exchange, this);
	}

	String seal(byte[] signingKey) {
		return SignedFields.seal(signingKey, "session", List.of(this.kind.name(), this.subject, this.name,
				Long.toString(this.expiresAt.getEpochSecond()), this.csrf));
	}

	/**
	 * @return the session the cookie holds, or null when it is absent, forged, malformed
	 * or expired
	 */
	static @Nullable UiSession open(@Nullable String cookie, byte[] signingKey, Instant now) {
		List<String> fields = SignedFields.open(cookie, signingKey, "session", 5);
		if (fields == null) {
			return null;
		}
		try {
			Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(fields.get(3)));
			if (!now.isBefore(expiresAt)) {
				return null;
			}
			return new UiSession(Kind.valueOf(fields.get(0)), fields.get(1), fields.get(2), expiresAt, fields.get(4));
		}
		catch (IllegalArgumentException ex) {
			// not a number, not a kind: not ours
			return null;
		}
	}

	/** Whether a form's or a header's token is this session's, in constant time. */
	boolean csrfMatches(@Nullable String given) {
		return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
				this.csrf.getBytes(StandardCharsets.UTF_8));
	}

}
