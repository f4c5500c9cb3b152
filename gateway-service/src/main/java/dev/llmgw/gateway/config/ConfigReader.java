package dev.llmgw.gateway.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Typed, path-aware reads from parsed YAML. Every read names the path it is reading, so a
 * wrong type fails with the path and the value, and every unknown key is collected as a
 * warning instead of being dropped silently. Numbers and booleans written as strings are
 * accepted, because {@code os.environ/NAME} values are strings.
 */
final class ConfigReader {

	private final List<String> warnings = new ArrayList<>();

	List<String> warnings() {
		return this.warnings;
	}

	void warnUnknownKeys(Map<String, ?> map, String path, Collection<String> known) {
		for (String key : map.keySet()) {
			if (!known.contains(key)) {
				this.warnings.add("unknown key " + join(path, key) + " (ignored)");
			}
		}
	}

	/**
	 * Names each key that is set but changes nothing here
	 * ({@code ConfigKeys.*_WITHOUT_EFFECT}).
	 */
	void warnKeysWithoutEffect(Map<String, ?> map, String path, Collection<String> withoutEffect) {
		for (Map.Entry<String, ?> entry : map.entrySet()) {
			if (entry.getValue() != null && withoutEffect.contains(entry.getKey())) {
				this.warnings.add(join(path, entry.getKey())
						+ " is accepted for LiteLLM compatibility but has no effect in this gateway yet");
			}
		}
	}

	Map<String, Object> map(@Nullable Object value, String path) {
		if (value == null) {
			return Map.of();
		}
		if (!(value instanceof Map<?, ?> raw)) {
			throw typeError(path, "a mapping", value);
		}
		Map<String, Object> map = new LinkedHashMap<>();
		raw.forEach((k, v) -> map.put(String.valueOf(k), v));
		return map;
	}

	List<Object> list(@Nullable Object value, String path) {
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?> raw)) {
			throw typeError(path, "a list", value);
		}
		return new ArrayList<>(raw);
	}

	@Nullable String string(Map<String, Object> map, String key, String path) {
		Object value = map.get(key);
		if (value == null) {
			return null;
		}
		if (value instanceof Map || value instanceof List) {
			throw typeError(join(path, key), "a string", value);
		}
		return String.valueOf(value);
	}

	@Nullable Integer integer(Map<String, Object> map, String key, String path) {
		Object value = scalar(map, key);
		if (value == null) {
			return null;
		}
		if (value instanceof Integer || value instanceof Long) {
			return Math.toIntExact(((Number) value).longValue());
		}
		if (value instanceof String text) {
			try {
				return Integer.valueOf(text.trim());
			}
			catch (NumberFormatException ex) {
				// fall through to the error naming the value
			}
		}
		throw typeError(join(path, key), "integer", value);
	}

	@Nullable Double number(Map<String, Object> map, String key, String path) {
		Object value = scalar(map, key);
		if (value == null) {
			return null;
		}
		if (value instanceof Number number) {
			return number.doubleValue();
		}
		if (value instanceof String text) {
			try {
				return Double.valueOf(text.trim());
			}
			catch (NumberFormatException ex) {
				// fall through to the error naming the value
			}
		}
		throw typeError(join(path, key), "number", value);
	}

	@Nullable Boolean bool(Map<String, Object> map, String key, String path) {
		Object value = scalar(map, key);
		if (value == null) {
			return null;
		}
		if (value instanceof Boolean b) {
			return b;
		}
		if (value instanceof String text && Set.of("true", "false").contains(text.trim().toLowerCase())) {
			return Boolean.valueOf(text.trim());
		}
		throw typeError(join(path, key), "boolean", value);
	}

	List<String> strings(Map<String, Object> map, String key, String path) {
		Object value = map.get(key);
		if (value == null) {
			return List.of();
		}
		if (value instanceof String single) {
			return List.of(single);
		}
		List<String> result = new ArrayList<>();
		List<Object> items = list(value, join(path, key));
		for (int i = 0; i < items.size(); i++) {
			Object item = items.get(i);
			if (item == null || item instanceof Map || item instanceof List) {
				throw typeError(join(path, key) + "[" + i + "]", "a string", item);
			}
			result.add(String.valueOf(item));
		}
		return List.copyOf(result);
	}

	/**
	 * The value, or null when it is an unresolved {@code os.environ/NAME}: a typed
	 * setting whose variable is unset behaves as not set (the substitution already warned
	 * about it).
	 */
	private static @Nullable Object scalar(Map<String, Object> map, String key) {
		Object value = map.get(key);
		if (value instanceof String text && EnvironmentLookup.referencedVariable(text) != null) {
			return null;
		}
		return value;
	}

	static String join(String path, String key) {
		return path.isEmpty() ? key : path + "." + key;
	}

	static ConfigException typeError(String path, String expected, @Nullable Object value) {
		String shown = (value instanceof String) ? "\"" + value + "\"" : String.valueOf(value);
		return new ConfigException(path + ": expected " + expected + ", got " + shown);
	}

}
