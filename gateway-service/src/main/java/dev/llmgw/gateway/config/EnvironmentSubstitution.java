package dev.llmgw.gateway.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Replaces every {@code os.environ/NAME} string in a parsed config with the variable's
 * value. An unset variable leaves the reference in place and adds a warning: the entry
 * still loads, and whatever needs the value fails naming the variable when it is used.
 */
final class EnvironmentSubstitution {

	private final EnvironmentLookup environment;

	private final List<String> warnings;

	EnvironmentSubstitution(EnvironmentLookup environment, List<String> warnings) {
		this.environment = environment;
		this.warnings = warnings;
	}

	@Nullable Object apply(@Nullable Object node, String path) {
		if (node instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((key, value) -> copy.put(String.valueOf(key),
					apply(value, ConfigReader.join(path, String.valueOf(key)))));
			return copy;
		}
		if (node instanceof List<?> list) {
			List<Object> copy = new ArrayList<>(list.size());
			for (int i = 0; i < list.size(); i++) {
				copy.add(apply(list.get(i), path + "[" + i + "]"));
			}
			return copy;
		}
		if (node instanceof String text) {
			String variable = EnvironmentLookup.referencedVariable(text.trim());
			if (variable != null) {
				String value = this.environment.get(variable);
				if (value != null) {
					return value;
				}
				this.warnings.add(path + ": environment variable " + variable + " is not set");
			}
		}
		return node;
	}

}
