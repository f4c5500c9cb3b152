package dev.llmgw.gateway.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Binds {@code model_list} entries, checking each value's type by its path. */
final class DeploymentBinder {

	private final ConfigReader reader;

	private final Credentials credentials;

	DeploymentBinder(ConfigReader reader, Credentials credentials) {
		this.reader = reader;
		this.credentials = credentials;
	}

	List<DeploymentConfig> bind(@Nullable Object section) {
		List<Object> items = this.reader.list(section, "model_list");
		List<DeploymentConfig> result = new ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			result.add(entry(items.get(i), i));
		}
		return List.copyOf(result);
	}

	private DeploymentConfig entry(@Nullable Object item, int index) {
		return entry(item, "model_list[" + index + "]", index);
	}

	/**
	 * One entry, its paths relative to {@code path} (empty for a /model/new body, so that
	 * errors read {@code litellm_params.rpm: ...}).
	 */
	DeploymentConfig entry(@Nullable Object item, String path, int index) {
		Map<String, Object> entry = this.reader.map(item, path.isEmpty() ? "(body)" : path);
		this.reader.warnUnknownKeys(entry, path, ConfigKeys.DEPLOYMENT);
		String modelName = this.reader.string(entry, "model_name", path);
		if (modelName == null || modelName.isBlank()) {
			throw new ConfigException(ConfigReader.join(path, "model_name") + ": required");
		}
		String paramsPath = ConfigReader.join(path, "litellm_params");
		String infoPath = ConfigReader.join(path, "model_info");
		Map<String, Object> paramsMap = this.credentials.fill(this.reader.map(entry.get("litellm_params"), paramsPath),
				paramsPath);
		LitellmParams params = params(paramsMap, paramsPath);
		ModelInfo info = info(this.reader.map(entry.get("model_info"), infoPath), infoPath);
		// LiteLLM prices by litellm_params.base_model ahead of model_info.base_model
		String baseModel = this.reader.string(paramsMap, "base_model", paramsPath);
		if (baseModel != null && !baseModel.isBlank()) {
			info = info.withBaseModel(baseModel);
		}
		return new DeploymentConfig(modelName, params, info, index);
	}

	private LitellmParams params(Map<String, Object> map, String path) {
		String model = this.reader.string(map, "model", path);
		if (model == null || model.isBlank()) {
			throw new ConfigException(path + ".model: required (e.g. openai/gpt-4o)");
		}
		// LiteLLM sends litellm_params.headers and extra_headers both, extra_headers
		// winning a name
		// both set
		Map<String, String> headers = new LinkedHashMap<>();
		this.reader.map(map.get("headers"), path + ".headers")
			.forEach((name, value) -> headers.put(name, String.valueOf(value)));
		this.reader.map(map.get("extra_headers"), path + ".extra_headers")
			.forEach((name, value) -> headers.put(name, String.valueOf(value)));
		Map<String, Object> defaults = new LinkedHashMap<>();
		Map<String, Object> providerSettings = new LinkedHashMap<>();
		map.forEach((key, value) -> {
			if (value == null || ConfigKeys.CALL_SETTINGS.contains(key)) {
				return;
			}
			(ConfigKeys.PROVIDER_SETTINGS.contains(key) ? providerSettings : defaults).put(key, value);
		});
		Integer weight = this.reader.integer(map, "weight", path);
		if (weight != null && weight < 0) {
			throw ConfigReader.typeError(path + ".weight", "a non-negative integer", weight);
		}
		return new LitellmParams(model.trim(), this.reader.string(map, "api_key", path),
				this.reader.string(map, "api_base", path), this.reader.string(map, "api_version", path),
				this.reader.string(map, "aws_region_name", path), weight, this.reader.integer(map, "rpm", path),
				this.reader.integer(map, "tpm", path), positive(map, "timeout", path),
				positive(map, "stream_timeout", path), this.reader.integer(map, "max_retries", path),
				this.reader.bool(map, "drop_params", path), Map.copyOf(headers), defaults, providerSettings);
	}

	private @Nullable Double positive(Map<String, Object> map, String key, String path) {
		Double value = this.reader.number(map, key, path);
		if (value != null && value <= 0) {
			throw ConfigReader.typeError(path + "." + key, "a positive number of seconds", value);
		}
		return value;
	}

	private ModelInfo info(Map<String, Object> map, String path) {
		Map<String, Object> other = new LinkedHashMap<>(map);
		List.of("id", "mode", "input_cost_per_token", "output_cost_per_token", "max_input_tokens", "max_output_tokens",
				"base_model")
			.forEach(other::remove);
		Integer maxOutput = this.reader.integer(map, "max_output_tokens", path);
		return new ModelInfo(this.reader.string(map, "id", path), this.reader.string(map, "mode", path),
				this.reader.number(map, "input_cost_per_token", path),
				this.reader.number(map, "output_cost_per_token", path),
				this.reader.integer(map, "max_input_tokens", path), maxOutput,
				this.reader.string(map, "base_model", path), other);
	}

}
