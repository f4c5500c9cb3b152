package dev.llmgw.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads a LiteLLM-format config.yaml (see shared/spec/config.md) into a
 * {@link GatewayConfig}: substitutes {@code os.environ/NAME} values, checks types by path
 * and collects unknown keys as warnings.
 */
public final class ConfigLoader {

	private final EnvironmentLookup processEnvironment;

	public ConfigLoader(EnvironmentLookup processEnvironment) {
		this.processEnvironment = processEnvironment;
	}

	/**
	 * The config file to use: the explicit path when given, else
	 * {@code config/config.yaml}, else {@code config/default-config.yaml} under the
	 * working directory.
	 * @param explicitPath CONFIG_FILE_PATH, may be blank
	 * @return the file, or null when there is none
	 * @throws ConfigException when the explicit path does not exist
	 */
	public static @Nullable Path locate(@Nullable String explicitPath) {
		if (explicitPath != null && !explicitPath.isBlank()) {
			Path path = Path.of(explicitPath);
			if (!Files.isRegularFile(path)) {
				throw new ConfigException("CONFIG_FILE_PATH: file not found: " + path.toAbsolutePath());
			}
			return path;
		}
		for (String candidate : List.of("config/config.yaml", "config/default-config.yaml")) {
			Path path = Path.of(candidate);
			if (Files.isRegularFile(path)) {
				return path;
			}
		}
		return null;
	}

	/**
	 * Reads a config file; the files its {@code include:} names are read from its own
	 * directory.
	 */
	public GatewayConfig load(Path path) {
		Path directory = path.toAbsolutePath().getParent();
		return parse(readFile(path, "config"), path.toString(),
				(name) -> readFile(directory.resolve(name), "included file"));
	}

	/** A config with no files beside it: an {@code include:} in it is refused. */
	public GatewayConfig parse(String yaml, String source) {
		return parse(yaml, source, (name) -> {
			throw new ConfigException(source + ": include " + name + ": only a config read from a file or from S3 "
					+ "can include others");
		});
	}

	/**
	 * @param yaml the config's text
	 * @param source where it came from, for messages
	 * @param includes reads the files its {@code include:} names
	 */
	GatewayConfig parse(String yaml, String source, ConfigIncludes.Source includes) {
		return read(ConfigIncludes.resolve(ConfigIncludes.parse(yaml, source), includes, source), source);
	}

	/** Binds a parsed config whose includes are already joined. */
	GatewayConfig read(Map<String, Object> root, String source) {
		ConfigReader reader = new ConfigReader();
		reader.warnUnknownKeys(root, "", ConfigKeys.TOP_LEVEL);
		Map<String, String> overrides = environmentVariables(reader, root.get("environment_variables"));
		EnvironmentLookup environment = this.processEnvironment.overlaidBy(overrides);
		@SuppressWarnings("unchecked")
		Map<String, Object> resolved = (Map<String, Object>) new EnvironmentSubstitution(environment, reader.warnings())
			.apply(root, "");
		Credentials credentials = Credentials.read(reader, resolved.get("credential_list"));
		List<DeploymentConfig> models = new DeploymentBinder(reader, credentials).bind(resolved.get("model_list"));
		LitellmSettings litellm = new SettingsBinder(reader).litellm(resolved.get("litellm_settings"));
		RouterSettings router = new SettingsBinder(reader).router(resolved.get("router_settings"));
		warnOtherRedis(reader, resolved.get("router_settings"), environment);
		warnTelemetry(reader, resolved.get("litellm_settings"));
		GeneralSettings general = new SettingsBinder(reader).general(resolved.get("general_settings"))
			.withStoreModelInDb(storeModelInDb(reader, resolved.get("general_settings")));
		List<Map<String, Object>> guardrails = guardrails(reader, resolved.get("guardrails"));
		Map<String, Object> callbackSettings = reader.map(resolved.get("callback_settings"), "callback_settings");
		return new GatewayConfig(source, models, litellm, router, general, guardrails, environment,
				List.copyOf(reader.warnings()), callbackSettings, credentials);
	}

	/**
	 * general_settings.store_model_in_db, read here rather than in SettingsBinder so that
	 * model management stays one change away from the routing settings.
	 */
	private static boolean storeModelInDb(ConfigReader reader, @Nullable Object section) {
		Map<String, Object> map = reader.map(section, "general_settings");
		return Boolean.TRUE.equals(reader.bool(map, "store_model_in_db", "general_settings"));
	}

	/**
	 * router_settings' Redis settings, which LiteLLM's router uses for its shared state:
	 * here that state lives in the gateway's own Redis (REDIS_HOST, REDIS_PORT,
	 * REDIS_PASSWORD, REDIS_URL), so a value that names another is said, not followed.
	 * The original's config points them at those same variables, which says nothing.
	 */
	private static void warnOtherRedis(ConfigReader reader, @Nullable Object section, EnvironmentLookup environment) {
		Map<String, Object> router = reader.map(section, "router_settings");
		Map<String, String> variables = Map.of("redis_host", "REDIS_HOST", "redis_port", "REDIS_PORT", "redis_password",
				"REDIS_PASSWORD", "redis_url", "REDIS_URL");
		variables.forEach((key, variable) -> {
			Object value = router.get(key);
			String own = environment.get(variable);
			// an os.environ/ value whose variable is unset was already said, and sets
			// nothing
			if (value != null && EnvironmentLookup.referencedVariable(String.valueOf(value)) == null
					&& !String.valueOf(value).equals(own)
					&& !(key.equals("redis_port") && own == null && String.valueOf(value).equals("6379"))) {
				reader.warnings()
					.add("router_settings." + key + " is not the Redis this gateway uses (" + variable
							+ "): the router's shared state lives in the gateway's own Redis; set " + variable
							+ " instead");
			}
		});
	}

	/** litellm_settings.telemetry: true asks for what this gateway never sends. */
	private static void warnTelemetry(ConfigReader reader, @Nullable Object section) {
		Object telemetry = reader.map(section, "litellm_settings").get("telemetry");
		if (telemetry != null && Boolean.parseBoolean(String.valueOf(telemetry).trim())) {
			reader.warnings().add("litellm_settings.telemetry: this gateway sends no telemetry; nothing to turn on");
		}
		else if (telemetry != null && !String.valueOf(telemetry).trim().equalsIgnoreCase("false")) {
			reader.warnings()
				.add("litellm_settings.telemetry: expected true or false, got " + telemetry + " (ignored)");
		}
	}

	private static String readFile(Path path, String what) {
		try {
			return Files.readString(path, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			throw new ConfigException(what + " not found: " + path);
		}
		catch (IOException ex) {
			throw new ConfigException("cannot read " + what + " " + path + ": " + ex.getMessage(), ex);
		}
	}

	private static Map<String, String> environmentVariables(ConfigReader reader, @Nullable Object section) {
		Map<String, String> variables = new LinkedHashMap<>();
		reader.map(section, "environment_variables").forEach((name, value) -> {
			if (value instanceof Map || value instanceof List) {
				throw ConfigReader.typeError("environment_variables." + name, "a string", value);
			}
			if (value != null) {
				variables.put(name, String.valueOf(value));
			}
		});
		return variables;
	}

	private static List<Map<String, Object>> guardrails(ConfigReader reader, @Nullable Object section) {
		List<Map<String, Object>> result = new ArrayList<>();
		List<Object> items = reader.list(section, "guardrails");
		for (int i = 0; i < items.size(); i++) {
			String path = "guardrails[" + i + "]";
			Map<String, Object> guardrail = reader.map(items.get(i), path);
			if (reader.string(guardrail, "guardrail_name", path) == null) {
				throw new ConfigException(path + ".guardrail_name: required");
			}
			Map<String, Object> params = reader.map(guardrail.get("litellm_params"), path + ".litellm_params");
			// a mode or a list of modes, as LiteLLM takes them
			for (String mode : reader.strings(params, "mode", path + ".litellm_params")) {
				if (!ConfigKeys.GUARDRAIL_MODES.contains(mode)) {
					throw ConfigReader.typeError(path + ".litellm_params.mode", "one of " + ConfigKeys.GUARDRAIL_MODES,
							mode);
				}
			}
			result.add(guardrail);
		}
		return List.copyOf(result);
	}

}
