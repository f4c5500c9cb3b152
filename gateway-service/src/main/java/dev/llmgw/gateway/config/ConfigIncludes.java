package dev.llmgw.gateway.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * LiteLLM's {@code include:}: a config names other YAML files, read from beside it, whose
 * keys join its own. A list under a key both have (such as {@code model_list}) is the
 * including file's entries followed by the included file's; any other key the including
 * file lacks is taken from the included file; a key both set as something other than a
 * list keeps the included file's value, as LiteLLM does. An included file's own
 * {@code include:} names join the list, read from the top config's directory as LiteLLM
 * reads them; a file named twice stops the start, so a cycle cannot loop.
 */
final class ConfigIncludes {

	/** Reads an included file by the name the config gives it. */
	@FunctionalInterface
	interface Source {

		/**
		 * @param name the name as written under {@code include:}
		 * @return the file's text
		 * @throws ConfigException naming the file when it cannot be read
		 */
		String read(String name);

	}

	private ConfigIncludes() {
	}

	/**
	 * @param root the including config, parsed
	 * @param source where included names are read from
	 * @param sourceName the including config, for messages
	 * @return the config with every included file's keys joined, without {@code include}
	 */
	static Map<String, Object> resolve(Map<String, Object> root, Source source, String sourceName) {
		Object names = root.get("include");
		if (names == null) {
			return root;
		}
		if (!(names instanceof List<?> list)) {
			throw ConfigReader.typeError("include", "a list of file names", names);
		}
		Map<String, Object> merged = new LinkedHashMap<>(root);
		merged.remove("include");
		List<Object> queue = new ArrayList<>(list);
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < queue.size(); i++) {
			if (!(queue.get(i) instanceof String name) || name.isBlank()) {
				throw ConfigReader.typeError("include[" + i + "]", "a file name", queue.get(i));
			}
			if (!seen.add(name)) {
				throw new ConfigException(sourceName + ": " + name + " is included twice (or includes itself)");
			}
			Map<String, Object> included = parse(source.read(name), sourceName + " include " + name);
			Object nested = included.remove("include");
			if (nested != null) {
				if (!(nested instanceof List<?> more)) {
					throw ConfigReader.typeError(name + ": include", "a list of file names", nested);
				}
				queue.addAll(more);
			}
			included.forEach((key, value) -> join(merged, key, value));
		}
		return merged;
	}

	private static void join(Map<String, Object> merged, String key, @Nullable Object value) {
		if (merged.get(key) instanceof List<?> own && value instanceof List<?> more) {
			List<Object> both = new ArrayList<>(own);
			both.addAll(more);
			merged.put(key, both);
		}
		else if (value != null || !merged.containsKey(key)) {
			merged.put(key, value);
		}
	}

	/**
	 * Parses one YAML document into its top-level map; an empty file is an empty map.
	 * @param yaml the text
	 * @param sourceName for messages
	 * @return the map, keys as strings
	 */
	static Map<String, Object> parse(String yaml, String sourceName) {
		Object document;
		try {
			document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		}
		catch (YAMLException ex) {
			throw new ConfigException(sourceName + ": not valid YAML: " + ex.getMessage(), ex);
		}
		if (document == null) {
			return new LinkedHashMap<>();
		}
		if (!(document instanceof Map<?, ?> raw)) {
			throw new ConfigException(
					sourceName + ": expected a mapping at the top, got " + document.getClass().getSimpleName());
		}
		Map<String, Object> map = new LinkedHashMap<>();
		raw.forEach((k, v) -> map.put(String.valueOf(k), v));
		return map;
	}

}
