package dev.llmgw.gateway.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * LiteLLM's defaults for what a create request leaves unset
 * ({@code default_internal_user_params}, {@code default_team_params}): each default fills
 * a field the body does not set, an empty {@code models} list counting as unset, as
 * LiteLLM copies them onto the new row.
 */
public final class ConfigDefaults {

	private ConfigDefaults() {
	}

	/**
	 * @param body the request body
	 * @param defaults the config's defaults
	 * @return the body with the defaults where it set nothing
	 */
	public static Map<String, @Nullable Object> fill(Map<String, @Nullable Object> body,
			Map<String, @Nullable Object> defaults) {
		if (defaults.isEmpty()) {
			return body;
		}
		Map<String, @Nullable Object> merged = new LinkedHashMap<>(body);
		defaults.forEach((field, value) -> {
			Object given = merged.get(field);
			if (given == null || (field.equals("models") && given instanceof List<?> list && list.isEmpty())) {
				merged.put(field, value);
			}
		});
		return merged;
	}

}
