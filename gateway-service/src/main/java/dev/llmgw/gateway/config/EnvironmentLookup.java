package dev.llmgw.gateway.config;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Environment variables as the config sees them: the process environment, overlaid by the
 * config's own {@code environment_variables} section (LiteLLM sets those on the process
 * before reading the rest).
 */
@FunctionalInterface
public interface EnvironmentLookup {

	/** Prefix of a config value that names an environment variable. */
	String ENV_PREFIX = "os.environ/";

	@Nullable String get(String name);

	static EnvironmentLookup of(Map<String, String> variables) {
		return variables::get;
	}

	default EnvironmentLookup overlaidBy(Map<String, String> overrides) {
		return (name) -> overrides.containsKey(name) ? overrides.get(name) : get(name);
	}

	/**
	 * The variable named by an unresolved {@code os.environ/NAME} value.
	 * @param value a config value
	 * @return NAME, or null when the value is not an environment reference
	 */
	static @Nullable String referencedVariable(@Nullable String value) {
		return (value != null && value.startsWith(ENV_PREFIX)) ? value.substring(ENV_PREFIX.length()) : null;
	}

}
