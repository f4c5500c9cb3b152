package dev.llmgw.gateway.providers.gemini;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.error.BadRequestError;

/**
 * A JSON schema as Gemini's {@code Schema} takes it, an OpenAPI 3.0 subset
 * (https://ai.google.dev/api/caching#Schema). Gemini refuses the whole request on a key
 * it does not know ({@code Invalid JSON payload received. Unknown name
 * "additionalProperties"}), so only its own keys are kept; local {@code $ref}s are
 * inlined from {@code $defs}, and a type list such as {@code ["string","null"]} becomes a
 * type with {@code nullable}, as LiteLLM does.
 */
final class GeminiSchema {

	private static final Set<String> KEPT = Set.of("type", "format", "title", "description", "nullable", "enum",
			"maxItems", "minItems", "properties", "required", "minProperties", "maxProperties", "minLength",
			"maxLength", "pattern", "example", "anyOf", "propertyOrdering", "default", "items", "minimum", "maximum");

	/** Deep enough for real schemas, shallow enough to stop a self-referencing one. */
	private static final int MAX_DEPTH = 16;

	private GeminiSchema() {
	}

	static Map<String, Object> clean(Map<?, ?> schema) {
		Map<?, ?> defs = (schema.get("$defs") instanceof Map<?, ?> d) ? d
				: (schema.get("definitions") instanceof Map<?, ?> d2) ? d2 : Map.of();
		return clean(schema, defs, 0);
	}

	private static Map<String, Object> clean(Map<?, ?> schema, Map<?, ?> defs, int depth) {
		if (depth > MAX_DEPTH) {
			throw new BadRequestError("Tool or response schema nests deeper than " + MAX_DEPTH
					+ " levels or references itself, which Gemini schemas cannot express", null, "tools");
		}
		if (schema.get("$ref") instanceof String ref) {
			Object target = defs.get(ref.substring(ref.lastIndexOf('/') + 1));
			if (!(target instanceof Map<?, ?> resolved)) {
				throw new BadRequestError("Unresolvable schema reference " + ref, null, "tools");
			}
			return clean(resolved, defs, depth + 1);
		}
		Map<String, Object> cleaned = new LinkedHashMap<>();
		for (Map.Entry<?, ?> entry : schema.entrySet()) {
			String key = String.valueOf(entry.getKey());
			Object value = entry.getValue();
			if (!KEPT.contains(key) || value == null) {
				continue;
			}
			switch (key) {
				case "properties" -> cleaned.put(key, properties(value, defs, depth));
				case "items" ->
					cleaned.put(key, (value instanceof Map<?, ?> item) ? clean(item, defs, depth + 1) : value);
				case "anyOf" -> cleaned.put(key, list(value, defs, depth));
				case "type" -> type(value, cleaned);
				default -> cleaned.put(key, value);
			}
		}
		return cleaned;
	}

	private static Map<String, Object> properties(Object value, Map<?, ?> defs, int depth) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (value instanceof Map<?, ?> map) {
			map.forEach((name, property) -> properties.put(String.valueOf(name),
					(property instanceof Map<?, ?> p) ? clean(p, defs, depth + 1) : property));
		}
		return properties;
	}

	private static List<Object> list(Object value, Map<?, ?> defs, int depth) {
		List<Object> schemas = new ArrayList<>();
		if (value instanceof List<?> items) {
			for (Object item : items) {
				schemas.add((item instanceof Map<?, ?> map) ? clean(map, defs, depth + 1) : item);
			}
		}
		return schemas;
	}

	private static void type(Object value, Map<String, Object> cleaned) {
		if (!(value instanceof List<?> types)) {
			cleaned.put("type", value);
			return;
		}
		List<?> concrete = types.stream().filter((type) -> !"null".equals(type)).toList();
		if (concrete.size() < types.size()) {
			cleaned.put("nullable", true);
		}
		if (!concrete.isEmpty()) {
			cleaned.put("type", concrete.get(0));
		}
	}

}
