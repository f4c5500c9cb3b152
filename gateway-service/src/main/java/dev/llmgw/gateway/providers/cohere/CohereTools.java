package dev.llmgw.gateway.providers.cohere;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI {@code tools} and {@code tool_choice} for Cohere v2, which takes the tools in
 * OpenAI's function shape as they are, and a choice of {@code REQUIRED} or {@code NONE}
 * only (https://docs.cohere.com/reference/chat#request.body.tool_choice). Forcing one
 * named function has no v2 equivalent; sending only that function with {@code REQUIRED}
 * has the same effect.
 */
final class CohereTools {

	private CohereTools() {
	}

	/**
	 * Only the fields v2 documents: OpenAI's {@code strict} and other extensions would be
	 * refused.
	 */
	private static Map<String, Object> tool(Object tool) {
		if (!(tool instanceof Map<?, ?> map) || !(map.get("function") instanceof Map<?, ?> function)) {
			throw new BadRequestError("cohere takes tools of type function only", null, "tools");
		}
		Map<String, Object> cohere = new LinkedHashMap<>();
		cohere.put("name", String.valueOf(function.get("name")));
		if (function.get("description") != null) {
			cohere.put("description", function.get("description").toString());
		}
		if (function.get("parameters") != null) {
			cohere.put("parameters", function.get("parameters"));
		}
		Map<String, Object> wrapped = new LinkedHashMap<>();
		wrapped.put("type", "function");
		wrapped.put("function", cohere);
		return wrapped;
	}

	static void apply(@Nullable Object tools, @Nullable Object choice, Map<String, Object> body) {
		List<?> list = (tools instanceof List<?> given && !given.isEmpty()) ? given : null;
		if (choice instanceof Map<?, ?> map && map.get("function") instanceof Map<?, ?> function) {
			Object name = function.get("name");
			List<?> named = (list == null) ? List.of()
					: list.stream()
						.filter((tool) -> tool instanceof Map<?, ?> t && t.get("function") instanceof Map<?, ?> f
								&& name != null && name.equals(f.get("name")))
						.toList();
			if (named.isEmpty()) {
				throw new BadRequestError("tool_choice names function " + name + ", which is not among the tools", null,
						"tool_choice");
			}
			body.put("tools", named.stream().map(CohereTools::tool).toList());
			body.put("tool_choice", "REQUIRED");
			return;
		}
		if (list != null) {
			body.put("tools", list.stream().map(CohereTools::tool).toList());
		}
		if ("required".equals(choice)) {
			body.put("tool_choice", "REQUIRED");
		}
		else if ("none".equals(choice)) {
			body.put("tool_choice", "NONE");
		}
		else if (choice != null && !"auto".equals(choice)) {
			throw new BadRequestError("Invalid tool_choice: " + choice, null, "tool_choice");
		}
	}

}
