package dev.llmgw.gateway.config;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reads one {@code model_list} entry that did not come from config.yaml (a /model/new
 * body, a stored model) with exactly the rules and messages of config.yaml:
 * {@code os.environ/NAME} values are substituted, types are checked by path.
 */
public final class ModelEntryBinder {

	private final EnvironmentLookup environment;

	private final Credentials credentials;

	public ModelEntryBinder(EnvironmentLookup environment, Credentials credentials) {
		this.environment = environment;
		this.credentials = credentials;
	}

	/**
	 * @param entry {@code {"model_name", "litellm_params", "model_info"}}
	 * @param path where the entry is, prefixed to every message; empty for a request body
	 * @return the entry, and the warnings (unknown keys, unset variables)
	 * @throws ConfigException naming the path of the bad value
	 */
	public Bound bind(@Nullable Object entry, String path) {
		List<String> warnings = new ArrayList<>();
		Object resolved = new EnvironmentSubstitution(this.environment, warnings).apply(entry, path);
		ConfigReader reader = new ConfigReader();
		DeploymentConfig config = new DeploymentBinder(reader, this.credentials).entry(resolved, path, -1);
		warnings.addAll(reader.warnings());
		return new Bound(config, List.copyOf(warnings));
	}

	/**
	 * A bound entry.
	 *
	 * @param config the entry
	 * @param warnings what was ignored or unset, for the log
	 */
	public record Bound(DeploymentConfig config, List<String> warnings) {

	}

}
