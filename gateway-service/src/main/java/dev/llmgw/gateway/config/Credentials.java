package dev.llmgw.gateway.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * LiteLLM's {@code credential_list}: named sets of provider settings (keys, base URLs,
 * AWS settings) that a deployment takes by
 * {@code litellm_params.litellm_credential_name}, so one key serves many entries. A
 * credential fills only what the entry leaves unset, as LiteLLM's does. Unlike LiteLLM, a
 * name no credential has stops the start: a typo would otherwise leave the deployment
 * without its key.
 *
 * @param byName each credential's values, by credential_name
 */
public record Credentials(Map<String, Map<String, Object>> byName) {

	public static final Credentials NONE = new Credentials(Map.of());

	static Credentials read(ConfigReader reader, @Nullable Object section) {
		Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
		List<Object> items = reader.list(section, "credential_list");
		for (int i = 0; i < items.size(); i++) {
			String path = "credential_list[" + i + "]";
			Map<String, Object> item = reader.map(items.get(i), path);
			reader.warnUnknownKeys(item, path, List.of("credential_name", "credential_values", "credential_info"));
			String name = reader.string(item, "credential_name", path);
			if (name == null || name.isBlank()) {
				throw new ConfigException(path + ".credential_name: required");
			}
			Map<String, Object> values = reader.map(item.get("credential_values"), path + ".credential_values");
			for (Map.Entry<String, Object> value : values.entrySet()) {
				if (value.getValue() instanceof Map || value.getValue() instanceof List) {
					throw ConfigReader.typeError(path + ".credential_values." + value.getKey(), "a string",
							value.getValue());
				}
			}
			reader.map(item.get("credential_info"), path + ".credential_info");
			if (byName.putIfAbsent(name, Map.copyOf(values)) != null) {
				throw new ConfigException(path + ".credential_name: \"" + name + "\" is named twice");
			}
		}
		return new Credentials(Map.copyOf(byName));
	}

	/**
	 * The entry's params with its credential's values under the keys it leaves unset.
	 * @param params the entry's litellm_params
	 * @param path their path, for messages
	 * @return the params, filled
	 */
	Map<String, Object> fill(Map<String, Object> params, String path) {
		Object name = params.get("litellm_credential_name");
		if (name == null) {
			return params;
		}
		Map<String, Object> values = this.byName.get(String.valueOf(name));
		if (values == null) {
			throw new ConfigException(
					path + ".litellm_credential_name: no credential named \"" + name + "\" in credential_list");
		}
		Map<String, Object> filled = new LinkedHashMap<>(params);
		values.forEach(filled::putIfAbsent);
		return filled;
	}

	@Override
	public String toString() {
		// the values are keys: only the names are ever shown
		return "Credentials" + this.byName.keySet();
	}

}
