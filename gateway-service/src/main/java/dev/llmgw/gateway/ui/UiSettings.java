package dev.llmgw.gateway.ui;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.config.EnvironmentLookup;
import org.jspecify.annotations.Nullable;

/**
 * The UI's switches, from the variables the original's deployment sets.
 *
 * @param enabled false with {@code DISABLE_ADMIN_UI=true}, or when no master key is set
 * (LiteLLM's UI needs one: without it every caller is an admin and a login means nothing)
 * @param username {@code UI_USERNAME}, {@code admin} by default, as LiteLLM's
 * @param password {@code UI_PASSWORD}, else the master key, as LiteLLM's
 * @param signingKey HMAC key of the session cookie, derived from {@code LITELLM_SALT_KEY}
 * (else the master key), the master key and the UI's username and password, so every
 * instance behind the load balancer accepts the same sessions without a shared store, and
 * changing any of them ends every session
 * @param sessionLifetime how long a login lasts ({@code UI_SESSION_HOURS}, 8 by default)
 */
record UiSettings(boolean enabled, String username, String password, byte[] signingKey, Duration sessionLifetime) {

	private static final Set<String> TRUE = Set.of("true", "1", "yes", "on");

	static UiSettings from(EnvironmentLookup environment, @Nullable String masterKey) {
		boolean disabled = TRUE.contains(lower(environment.get("DISABLE_ADMIN_UI")));
		if (masterKey == null) {
			return new UiSettings(false, "admin", "", new byte[32], Duration.ZERO);
		}
		String username = nonBlank(environment.get("UI_USERNAME"), "admin");
		String password = nonBlank(environment.get("UI_PASSWORD"), masterKey);
		String salt = nonBlank(environment.get("LITELLM_SALT_KEY"), masterKey);
		long hours = hours(environment.get("UI_SESSION_HOURS"));
		// the credentials are in the key, so changing the master key, the UI's username
		// or
		// its password ends every session on every instance
		String secret = salt + "\n" + digest(masterKey) + "\n" + digest(username) + "\n" + digest(password);
		return new UiSettings(!disabled, username, password, derive(secret), Duration.ofHours(hours));
	}

	private static long hours(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return 8;
		}
		try {
			long hours = Long.parseLong(value.trim());
			if (hours >= 1 && hours <= 24 * 30) {
				return hours;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw new IllegalStateException("UI_SESSION_HOURS must be a whole number of hours from 1 to 720");
	}

	/**
	 * A key of its own for sessions, so a cookie's MAC reveals nothing usable elsewhere.
	 */
	private static byte[] derive(String secret) {
		return SignedFields.hmac(secret.getBytes(StandardCharsets.UTF_8), "llm-gateway admin UI session v1");
	}

	private static String digest(String value) {
		return KeyHashes.sha256Hex(value);
	}

	private static String lower(@Nullable String value) {
		return (value != null) ? value.trim().toLowerCase(Locale.ROOT) : "";
	}

	private static String nonBlank(@Nullable String value, String fallback) {
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
