package dev.llmgw.fake;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where the server listens and whether it checks API keys.
 *
 * @param host the bind address
 * @param port the port, 0 for an ephemeral one
 * @param requiredApiKey the key every provider request must carry, or null to accept any
 */
public record FakeLlmServerOptions(String host, int port, @Nullable String requiredApiKey) {

	public static final String DEFAULT_HOST = "0.0.0.0";

	public static final int DEFAULT_PORT = 8080;

	public static FakeLlmServerOptions of(String host, int port) {
		return new FakeLlmServerOptions(host, port, null);
	}

	/**
	 * Reads {@code SERVER_ADDRESS}, {@code SERVER_PORT} and {@code FAKE_REQUIRE_API_KEY}.
	 * A blank key counts as unset, since compose files often pass empty variables
	 * through.
	 */
	public static FakeLlmServerOptions fromEnvironment(Map<String, String> environment) {
		String host = environment.getOrDefault("SERVER_ADDRESS", "");
		String port = environment.getOrDefault("SERVER_PORT", "");
		String key = environment.getOrDefault("FAKE_REQUIRE_API_KEY", "");
		return new FakeLlmServerOptions(host.isBlank() ? DEFAULT_HOST : host.trim(), parsePort(port),
				key.isBlank() ? null : key.trim());
	}

	private static int parsePort(String port) {
		if (port.isBlank()) {
			return DEFAULT_PORT;
		}
		try {
			return Integer.parseInt(port.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("SERVER_PORT must be a number, was '" + port + "'", ex);
		}
	}

}
