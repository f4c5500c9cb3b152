package dev.llmgw.gateway.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A request's own {@code fallbacks}: a list of model names for the requested group, or
 * LiteLLM's {@code [{"group": ["other"]}]} form. They are the caller's choice, so
 * admission holds every name to the caller's models as it does the requested one.
 */
public final class RequestFallbacks {

	private RequestFallbacks() {
	}

	/**
	 * @param fields the request's fields
	 * @param group the requested group, which a plain list of names is for
	 * @return the fallback groups by the group they stand in for, in the request's order
	 */
	static Map<String, List<String>> byGroup(Map<String, @Nullable Object> fields, String group) {
		if (!(fields.get("fallbacks") instanceof List<?> given) || given.isEmpty()) {
			return Map.of();
		}
		Map<String, List<String>> fallbacks = new LinkedHashMap<>();
		for (Object item : given) {
			if (item instanceof String name) {
				fallbacks.computeIfAbsent(group, (key) -> new ArrayList<>()).add(name);
			}
			else if (item instanceof Map<?, ?> map) {
				map.forEach((key, value) -> {
					if (value instanceof List<?> names) {
						names.forEach((name) -> fallbacks.computeIfAbsent(String.valueOf(key), (k) -> new ArrayList<>())
							.add(String.valueOf(name)));
					}
				});
			}
		}
		return fallbacks;
	}

	/**
	 * @param fields the request's fields
	 * @return every group the request names as a fallback, in its order
	 */
	public static Set<String> named(Map<String, @Nullable Object> fields) {
		Set<String> names = new LinkedHashSet<>();
		byGroup(fields, "").values().forEach(names::addAll);
		return names;
	}

}
