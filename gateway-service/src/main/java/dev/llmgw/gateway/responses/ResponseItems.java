package dev.llmgw.gateway.responses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.error.BadRequestError;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request's {@code input} (a string, or a list of items) and stored items back
 * into {@link ResponseItem}s, giving an id to each item that has none. A malformed item
 * is a 400 naming the field ({@code input[2].content[0].type}), never a guess; an item
 * type the gateway does not translate (built-in tool calls, {@code item_reference}) is
 * kept whole ({@link ResponseItem.Opaque}) for a provider that speaks the Responses API.
 */
final class ResponseItems {

	private static final Set<String> ROLES = Set.of("user", "assistant", "system", "developer");

	private static final Set<String> STATUSES = Set.of("in_progress", "completed", "incomplete");

	private static final Set<String> PART_TYPES = Set.of("input_text", "input_image", "input_file", "output_text",
			"refusal");

	private ResponseItems() {
	}

	/** The request's input as items; a string is one user message. */
	static List<ResponseItem> parse(@Nullable Object input) {
		return parse(input, "input");
	}

	/**
	 * Items in {@code input}'s form, a string or a list.
	 * @param field where they came from ({@code input}, {@code instructions}), for the
	 * 400
	 */
	static List<ResponseItem> parse(@Nullable Object input, String field) {
		if (input == null) {
			throw new BadRequestError("Missing required parameter: '" + field + "'.", null, field);
		}
		if (input instanceof String text) {
			return List
				.of(new ResponseItem.Message(ResponseIds.next("msg"), "user", List.of(inputText(text)), "completed"));
		}
		if (!(input instanceof List<?> list)) {
			throw new BadRequestError("Invalid type for '" + field + "': expected a string or an array of input items.",
					null, field);
		}
		List<ResponseItem> items = new ArrayList<>(list.size());
		for (int i = 0; i < list.size(); i++) {
			items.add(item(list.get(i), field + "[" + i + "]"));
		}
		return items;
	}

	/** One item, from a request or from the store. */
	static ResponseItem item(@Nullable Object value, String field) {
		if (!(value instanceof Map<?, ?> map)) {
			throw new BadRequestError("Invalid type for '" + field + "': expected an object.", null, field);
		}
		Object type = map.get("type");
		if (type == null && map.containsKey("role")) {
			type = "message";
		}
		if (!(type instanceof String name)) {
			throw new BadRequestError("Missing required parameter: '" + field + ".type'.", null, field + ".type");
		}
		return switch (name) {
			case "message" -> message(map, field);
			case "function_call" -> new ResponseItem.FunctionCall(id(map, "fc"), string(map, "call_id", field),
					string(map, "name", field), string(map, "arguments", field), "completed");
			case "function_call_output" -> new ResponseItem.FunctionCallOutput(id(map, "fco"),
					string(map, "call_id", field), output(map.get("output"), field + ".output"));
			case "reasoning" -> {
				String id = id(map, "rs");
				yield new ResponseItem.Reasoning(id, summary(map.get("summary"), field), raw(map, id));
			}
			default -> {
				String id = id(map, "item");
				yield new ResponseItem.Opaque(id, name, raw(map, id));
			}
		};
	}

	private static ResponseItem.Message message(Map<?, ?> map, String field) {
		Object role = map.get("role");
		if (!(role instanceof String name) || !ROLES.contains(name)) {
			throw new BadRequestError("Invalid value for '" + field + ".role': expected one of user, assistant, "
					+ "system or developer.", null, field + ".role");
		}
		Object content = map.get("content");
		List<Map<String, @Nullable Object>> parts = new ArrayList<>();
		if (content instanceof String text) {
			parts.add(name.equals("assistant") ? ResponseItem.outputText(text) : inputText(text));
		}
		else if (content instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				parts.add(part(list.get(i), field + ".content[" + i + "]"));
			}
		}
		else {
			throw new BadRequestError(
					"Invalid type for '" + field + ".content': expected a string or an array of " + "content parts.",
					null, field + ".content");
		}
		Object status = map.get("status");
		if (status != null && !STATUSES.contains(status)) {
			throw new BadRequestError(
					"Invalid value for '" + field + ".status': expected in_progress, completed or " + "incomplete.",
					null, field + ".status");
		}
		return new ResponseItem.Message(id(map, "msg"), name, parts, (status != null) ? (String) status : "completed");
	}

	private static Map<String, @Nullable Object> part(@Nullable Object value, String field) {
		if (!(value instanceof Map<?, ?> map) || !(map.get("type") instanceof String type)) {
			throw new BadRequestError("Invalid type for '" + field + "': expected a content part with a 'type'.", null,
					field);
		}
		if (!PART_TYPES.contains(type)) {
			throw new BadRequestError("Content part type '" + type + "' is not supported: expected input_text, "
					+ "input_image, input_file, output_text or refusal.", null, field + ".type");
		}
		Map<String, @Nullable Object> part = new LinkedHashMap<>();
		map.forEach((key, v) -> part.put(String.valueOf(key), v));
		switch (type) {
			case "input_text", "output_text" -> string(map, "text", field);
			case "refusal" -> string(map, "refusal", field);
			case "input_image" -> {
				if (!(map.get("image_url") instanceof String)) {
					throw new BadRequestError("Missing required parameter: '" + field
							+ ".image_url' (file_id images need the Files API, which the gateway does not serve).",
							null, field + ".image_url");
				}
			}
			default -> {
				if (!(map.get("file_data") instanceof String)) {
					throw new BadRequestError("Missing required parameter: '" + field
							+ ".file_data' (file_id and file_url need the Files API, which the gateway does not "
							+ "serve).", null, field + ".file_data");
				}
			}
		}
		return part;
	}

	private static Object output(@Nullable Object output, String field) {
		if (output instanceof String) {
			return output;
		}
		if (output instanceof List<?> list) {
			List<Map<String, @Nullable Object>> parts = new ArrayList<>(list.size());
			for (int i = 0; i < list.size(); i++) {
				parts.add(part(list.get(i), field + "[" + i + "]"));
			}
			return parts;
		}
		throw new BadRequestError("Invalid type for '" + field + "': expected a string or an array of content parts.",
				null, field);
	}

	private static List<String> summary(@Nullable Object summary, String field) {
		List<String> texts = new ArrayList<>();
		if (summary instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				if (list.get(i) instanceof Map<?, ?> part && part.get("text") instanceof String text) {
					texts.add(text);
				}
				else {
					throw new BadRequestError(
							"Invalid type for '" + field + ".summary[" + i + "]': expected a summary_text part.", null,
							field + ".summary");
				}
			}
		}
		return texts;
	}

	/** The item as it came, with string keys and the id it was given. */
	private static Map<String, @Nullable Object> raw(Map<?, ?> map, String id) {
		Map<String, @Nullable Object> raw = new LinkedHashMap<>();
		map.forEach((key, value) -> raw.put(String.valueOf(key), value));
		raw.putIfAbsent("id", id);
		return raw;
	}

	private static String id(Map<?, ?> map, String prefix) {
		Object id = map.get("id");
		if (id instanceof String given && !given.isEmpty() && given.length() <= 128) {
			return given;
		}
		return ResponseIds.next(prefix);
	}

	private static String string(Map<?, ?> map, String name, String field) {
		Object value = map.get(name);
		if (!(value instanceof String text)) {
			throw new BadRequestError("Missing required parameter: '" + field + "." + name + "'.", null,
					field + "." + name);
		}
		return text;
	}

	static Map<String, @Nullable Object> inputText(String text) {
		Map<String, @Nullable Object> part = new LinkedHashMap<>();
		part.put("type", "input_text");
		part.put("text", text);
		return part;
	}

}
