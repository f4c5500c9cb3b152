package dev.llmgw.gateway.logging;

import java.net.URI;
import java.time.Duration;

import dev.llmgw.gateway.config.ConfigException;
import dev.llmgw.gateway.config.EnvironmentLookup;
import org.jspecify.annotations.Nullable;

/**
 * Reads a callback's environment variables, refusing a wrong value at start-up with the
 * variable's name (never its value: some are credentials).
 */
public final class CallbackSettings {

	private final EnvironmentLookup environment;

	public CallbackSettings(EnvironmentLookup environment) {
		this.environment = environment;
	}

	/** A variable's value, trimmed; null when unset or blank. */
	public @Nullable String text(String name) {
		String value = this.environment.get(name);
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	/** A variable the callback cannot work without. */
	public String required(String name, String callback) {
		String value = text(name);
		if (value == null) {
			throw new ConfigException("The " + callback + " logging callback needs " + name + " to be set");
		}
		return value;
	}

	/** A positive number, else {@code otherwise}. */
	public double number(String name, double otherwise) {
		String value = text(name);
		if (value == null) {
			return otherwise;
		}
		try {
			double number = Double.parseDouble(value);
			if (number > 0 && number <= 1_000_000) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw new ConfigException(name + " must be a number above 0, not \"" + value + "\"");
	}

	public Duration seconds(String name, double otherwise) {
		return Duration.ofMillis(Math.round(1000 * number(name, otherwise)));
	}

	/**
	 * An http(s) URL; one given without a scheme gets {@code http://}, as LiteLLM gives
	 * {@code LANGFUSE_HOST}.
	 */
	public static URI url(String name, String value) {
		String given = value.contains("://") ? value : "http://" + value;
		try {
			URI uri = URI.create(given);
			if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
				return uri;
			}
		}
		catch (IllegalArgumentException ex) {
			// refused below
		}
		throw new ConfigException(name + " is not an http(s) URL");
	}

	/**
	 * A config switch as LiteLLM reads it: {@code true}, or a string saying so (an
	 * {@code os.environ/} value, quoted YAML).
	 */
	public static boolean flag(@Nullable Object value) {
		return Boolean.TRUE.equals(value) || (value instanceof String text && (text.trim().equalsIgnoreCase("true")
				|| text.trim().equals("1") || text.trim().equalsIgnoreCase("yes")));
	}

	/** A URL with a path added, whether or not the URL ends in a slash. */
	public static URI resolve(URI base, String path) {
		String root = base.toString();
		return URI.create((root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + path);
	}

	/**
	 * A caller's text field (in a request's {@code metadata}), else {@code otherwise}.
	 */
	public static @Nullable String text(@Nullable Object value, @Nullable String otherwise) {
		return (value instanceof String text && !text.isBlank()) ? text : otherwise;
	}

	/** A URL as the log may show it: no user info, no query. */
	public static String shown(URI uri) {
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() >= 0) ? ":" + uri.getPort() : "")
				+ ((uri.getPath() != null) ? uri.getPath() : "");
	}

}
