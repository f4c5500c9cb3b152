package dev.llmgw.gateway.logging;

import java.util.Map;
import java.util.Set;

/**
 * Makes one kind of logging callback, for the names LiteLLM gives it. Each kind's package
 * declares one as a bean; {@link LoggingConfiguration} makes only the callbacks the
 * config names, so an unnamed one costs nothing.
 */
public interface LogSinkFactory {

	/** The names that select the callback ({@code s3} and {@code s3_v2}). */
	Set<String> names();

	/**
	 * Makes the callback, reading its settings.
	 * @throws dev.llmgw.gateway.config.ConfigException when a setting it needs is missing
	 * or wrong
	 */
	LogSink create();

	/**
	 * The {@code callback_type}s of {@code callback_settings} entries this factory makes
	 * ({@code generic_api}); none by default.
	 */
	default Set<String> types() {
		return Set.of();
	}

	/**
	 * Makes a callback of a {@code callback_settings} entry.
	 * @param name the entry's name, as the callback lists name it
	 * @param settings the entry
	 * @return the callback
	 */
	default LogSink create(String name, Map<?, ?> settings) {
		throw new dev.llmgw.gateway.config.ConfigException("callback_settings." + name + ": not supported");
	}

}
