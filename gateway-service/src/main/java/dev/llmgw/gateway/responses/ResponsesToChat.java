package dev.llmgw.gateway.responses;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ChatMessage;
import dev.llmgw.model.openai.ChatTool;
import dev.llmgw.model.openai.FunctionDefinition;
import dev.llmgw.model.openai.ResponseFormat;
import dev.llmgw.model.openai.StreamOptions;
import dev.llmgw.model.openai.ToolChoice;
import org.jspecify.annotations.Nullable;

/**
 * A Responses request, with the conversation it continues, to a chat completion request,
 * as LiteLLM translates it for providers without a Responses API: {@code instructions}
 * become the first (system) message, messages keep their roles ({@code developer} reads
 * as system), consecutive function calls become one assistant turn's tool calls and their
 * outputs tool messages, function tools are wrapped in chat's
 * {@code {"type":"function","function":{...}}}, {@code text.format} becomes
 * {@code response_format}, {@code reasoning.effort} {@code reasoning_effort} and
 * {@code max_output_tokens} {@code max_tokens}. A stream always asks for usage, which the
 * closing event reports. What has no chat form (built-in tools, background runs, stored
 * prompts, conversations) is a 400 naming the field.
 */
final class ResponsesToChat {

	/** Responses-only fields that mean nothing to a chat call. */
	private static final Set<String> DROPPED = Set.of("include", "truncation", "store", "service_tier",
			"prompt_cache_key", "safety_identifier", "stream_options", "max_tool_calls", "top_logprobs");

	/**
	 * Chat's own name of what {@code text.format} carries: passed on, it would be a
	 * second {@code response_format} beside the translated one.
	 */
	private static final Set<String> CHAT_ONLY = Set.of("response_format");

	/** Responses fields with no chat form: refused rather than ignored. */
	private static final Set<String> REFUSED = Set.of("background", "conversation", "prompt");

	/**
	 * Chat's own field for what {@code input} carries: passed on, it would be a second
	 * {@code messages} key, which a provider reads in place of the conversation the
	 * guardrails, limits and logs saw.
	 */
	private static final String MESSAGES = "messages";

	private ResponsesToChat() {
	}

	/**
	 * The chat request, refusing with a 400 what has no chat form.
	 * @param request the caller's request
	 * @param history the conversation so far (previous responses' inputs and outputs)
	 * @param input the request's own input items
	 * @return the chat request the pipeline runs
	 */
	static ChatCompletionRequest translate(ResponsesRequest request, List<ResponseItem> history,
			List<ResponseItem> input) {
		return translate(request, history, input, true);
	}

	/**
	 * @param strict whether what has no chat form (built-in tools, items only a Responses
	 * API takes) is refused; when not, it is left out, for a request that may yet go to a
	 * provider's own Responses API, whose admission reads the chat form
	 */
	static ChatCompletionRequest translate(ResponsesRequest request, List<ResponseItem> history,
			List<ResponseItem> input, boolean strict) {
		Map<String, @Nullable Object> extra = new LinkedHashMap<>();
		request.extra().forEach((name, value) -> {
			if (REFUSED.contains(name) && value != null && !Boolean.FALSE.equals(value)) {
				throw new BadRequestError("'" + name + "' is not supported by the gateway's Responses API", null, name);
			}
			if (CHAT_ONLY.contains(name)) {
				throw new BadRequestError("'" + name + "' is a chat completions parameter: the Responses API takes "
						+ "'text.format' for it", null, name);
			}
			if (name.equals(MESSAGES)) {
				throw new BadRequestError(
						"'messages' is not a Responses API parameter: send the conversation as 'input'", null,
						MESSAGES);
			}
			if (!DROPPED.contains(name) && !REFUSED.contains(name)) {
				extra.put(name, value);
			}
		});
		List<ChatMessage> messages = new ArrayList<>();
		String instructions = instructions(request.instructions());
		if (instructions != null && !instructions.isEmpty()) {
			messages.add(ChatMessage.of("system", instructions));
		}
		messages(history, messages, false);
		messages(input, messages, strict);
		if (messages.isEmpty()) {
			throw new BadRequestError("'input' holds no message to answer", null, "input");
		}
		if (request.maxOutputTokens() != null) {
			// max_output_tokens is written as max_tokens: one key, not two
			extra.remove("max_tokens");
		}
		putIfSet(extra, "top_p", request.topP());
		putIfSet(extra, "parallel_tool_calls", request.parallelToolCalls());
		putIfSet(extra, "metadata", request.metadata());
		List<ChatTool> tools = null;
		if (request.tools() != null && !request.tools().isEmpty()) {
			tools = tools(request.tools(), strict);
			tools = tools.isEmpty() ? null : tools;
		}
		ToolChoice toolChoice = toolChoice(request.toolChoice(), strict);
		ResponseFormat responseFormat = responseFormat(request.text());
		Object effort = (request.reasoning() != null) ? request.reasoning().get("effort") : null;
		if (effort != null && !(effort instanceof String)) {
			throw new BadRequestError("Invalid type for 'reasoning.effort': expected a string", null,
					"reasoning.effort");
		}
		putIfSet(extra, "reasoning_effort", effort);
		return new ChatCompletionRequest(request.model(), messages, request.isStream() ? Boolean.TRUE : null,
				request.isStream() ? StreamOptions.withUsage() : null, request.maxOutputTokens(), null,
				request.temperature(), request.user(), tools, toolChoice, responseFormat, extra);
	}

	/**
	 * Refuses a request nested nearly as deep as JSON may be written: its chat form
	 * (tools, image details) and its stream events (the response inside an event) are a
	 * level deeper than the body, and writing past the limit fails mid-call, a 500 or a
	 * broken stream instead of a 400.
	 * @param request the caller's request
	 * @param maxWriteDepth the deepest nesting the gateway writes
	 */
	static void checkDepth(ResponsesRequest request, int maxWriteDepth) {
		int allowed = maxWriteDepth - 2;
		List<@Nullable Object> fields = new ArrayList<>(request.extra().values());
		fields.addAll(Arrays.asList(request.input(), request.instructions(), request.tools(), request.toolChoice(),
				request.text(), request.reasoning(), request.metadata()));
		for (Object field : fields) {
			// the body's own object is the first level
			if (1 + depth(field, allowed - 1) > allowed) {
				throw new BadRequestError("The request is nested too deeply: at most " + allowed + " levels of "
						+ "objects and arrays are accepted");
			}
		}
	}

	/**
	 * How deep a parsed JSON value nests: exactly, up to {@code limit}; beyond it, some
	 * number above {@code limit}.
	 */
	private static int depth(@Nullable Object value, int limit) {
		Iterable<?> children;
		if (value instanceof Map<?, ?> map) {
			children = map.values();
		}
		else if (value instanceof List<?> list) {
			children = list;
		}
		else {
			return 0;
		}
		if (limit <= 0) {
			return 1;
		}
		int deepest = 0;
		for (Object child : children) {
			deepest = Math.max(deepest, depth(child, limit - 1));
			if (deepest >= limit) {
				break;
			}
		}
		return 1 + deepest;
	}

	/** The instructions as text: a string, or the text of a list of input messages. */
	static @Nullable String instructions(@Nullable Object instructions) {
		if (instructions == null || instructions instanceof String) {
			return (String) instructions;
		}
		StringBuilder text = new StringBuilder();
		for (ResponseItem item : ResponseItems.parse(instructions, "instructions")) {
			if (item instanceof ResponseItem.Message message) {
				String part = text(message.content());
				if (!text.isEmpty() && !part.isEmpty()) {
					text.append("\n\n");
				}
				text.append(part);
			}
		}
		return text.toString();
	}

	private static void messages(List<ResponseItem> items, List<ChatMessage> messages, boolean strict) {
		for (int i = 0; i < items.size(); i++) {
			ResponseItem item = items.get(i);
			if (item instanceof ResponseItem.Opaque opaque && strict) {
				throw new BadRequestError("Input item type '" + opaque.type() + "' is not supported for this model: "
						+ "only messages, function calls, function call outputs and reasoning are translated to its "
						+ "chat API", null, "input[" + i + "].type");
			}
			if (item instanceof ResponseItem.Message message) {
				messages.add(message(message));
			}
			else if (item instanceof ResponseItem.FunctionCall call) {
				toolCall(call, messages);
			}
			else if (item instanceof ResponseItem.FunctionCallOutput output) {
				Map<String, @Nullable Object> extra = new LinkedHashMap<>();
				extra.put("tool_call_id", output.callId());
				Object content = (output.output() instanceof String text) ? text : parts(asParts(output.output()));
				messages.add(new ChatMessage("tool", content, null, extra));
			}
			// reasoning: a chat provider takes none as input
		}
	}

	private static ChatMessage message(ResponseItem.Message message) {
		String role = message.role().equals("developer") ? "system" : message.role();
		if (!role.equals("user")) {
			// system and assistant turns are text in every provider's chat form
			return ChatMessage.of(role, text(message.content()));
		}
		boolean textOnly = message.content().stream().allMatch((part) -> "input_text".equals(part.get("type")));
		return new ChatMessage(role, textOnly ? text(message.content()) : parts(message.content()), null, null);
	}

	/**
	 * A function call joins the assistant turn just before it (text, or earlier calls),
	 * so that parallel calls are one turn as chat requires.
	 */
	@SuppressWarnings("unchecked")
	private static void toolCall(ResponseItem.FunctionCall call, List<ChatMessage> messages) {
		Map<String, Object> function = new LinkedHashMap<>();
		function.put("name", call.name());
		function.put("arguments", call.arguments());
		Map<String, Object> toolCall = new LinkedHashMap<>();
		toolCall.put("id", call.callId());
		toolCall.put("type", "function");
		toolCall.put("function", function);
		ChatMessage last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
		if (last != null && "assistant".equals(last.role())) {
			Object calls = last.extra().get("tool_calls");
			List<Object> joined = (calls instanceof List<?> list) ? new ArrayList<>((List<Object>) list)
					: new ArrayList<>();
			joined.add(toolCall);
			last.extra().put("tool_calls", joined);
			return;
		}
		Map<String, @Nullable Object> extra = new LinkedHashMap<>();
		extra.put("tool_calls", new ArrayList<>(List.of(toolCall)));
		messages.add(new ChatMessage("assistant", null, null, extra));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, @Nullable Object>> asParts(Object output) {
		return (List<Map<String, @Nullable Object>>) output;
	}

	/** Content parts in chat's form: text, image_url and file parts. */
	private static List<Map<String, @Nullable Object>> parts(List<Map<String, @Nullable Object>> content) {
		List<Map<String, @Nullable Object>> parts = new ArrayList<>(content.size());
		for (Map<String, @Nullable Object> part : content) {
			Map<String, @Nullable Object> chat = new LinkedHashMap<>();
			switch (String.valueOf(part.get("type"))) {
				case "input_image" -> {
					Map<String, @Nullable Object> image = new LinkedHashMap<>();
					image.put("url", part.get("image_url"));
					if (part.get("detail") != null) {
						image.put("detail", part.get("detail"));
					}
					chat.put("type", "image_url");
					chat.put("image_url", image);
				}
				case "input_file" -> {
					Map<String, @Nullable Object> file = new LinkedHashMap<>();
					file.put("file_data", part.get("file_data"));
					if (part.get("filename") != null) {
						file.put("filename", part.get("filename"));
					}
					chat.put("type", "file");
					chat.put("file", file);
				}
				case "refusal" -> {
					chat.put("type", "text");
					chat.put("text", part.get("refusal"));
				}
				default -> {
					chat.put("type", "text");
					chat.put("text", part.get("text"));
				}
			}
			parts.add(chat);
		}
		return parts;
	}

	/** The text parts of a message, joined. */
	static String text(List<Map<String, @Nullable Object>> content) {
		StringBuilder text = new StringBuilder();
		for (Map<String, @Nullable Object> part : content) {
			Object value = "refusal".equals(part.get("type")) ? part.get("refusal") : part.get("text");
			if (value instanceof String s) {
				text.append(s);
			}
		}
		return text.toString();
	}

	private static List<ChatTool> tools(List<Map<String, @Nullable Object>> tools, boolean strict) {
		List<ChatTool> chat = new ArrayList<>(tools.size());
		for (int i = 0; i < tools.size(); i++) {
			Map<String, @Nullable Object> tool = tools.get(i);
			Object type = (tool != null) ? tool.get("type") : null;
			if (!"function".equals(type) && !strict) {
				continue;
			}
			if (tool == null || !"function".equals(type)) {
				throw new BadRequestError("Tool type '" + type + "' is not supported for this model: only function "
						+ "tools are translated to its chat API", null, "tools[" + i + "].type");
			}
			if (!(tool.get("name") instanceof String name) || name.isBlank()) {
				throw new BadRequestError("Missing required parameter: 'tools[" + i + "].name'.", null,
						"tools[" + i + "].name");
			}
			Object description = tool.get("description");
			if (description != null && !(description instanceof String)) {
				throw invalidType("tools[" + i + "].description", "a string");
			}
			Object parameters = tool.get("parameters");
			if (parameters != null && !(parameters instanceof Map<?, ?>)) {
				throw invalidType("tools[" + i + "].parameters", "an object");
			}
			Object strictSchema = tool.get("strict");
			if (strictSchema != null && !(strictSchema instanceof Boolean)) {
				throw invalidType("tools[" + i + "].strict", "a boolean");
			}
			chat.add(ChatTool.function(new FunctionDefinition(name, (String) description, object(parameters),
					(Boolean) strictSchema, new LinkedHashMap<>())));
		}
		return chat;
	}

	private static @Nullable ToolChoice toolChoice(@Nullable Object choice, boolean strict) {
		if (choice == null) {
			return null;
		}
		if (choice instanceof String mode && (mode.equals("auto") || mode.equals("none") || mode.equals("required"))) {
			return ToolChoice.mode(mode);
		}
		if (choice instanceof Map<?, ?> map && "function".equals(map.get("type"))
				&& map.get("name") instanceof String name && !name.isBlank()) {
			return ToolChoice.function(name);
		}
		if (choice instanceof Map<?, ?> map && map.get("type") instanceof String mode
				&& (mode.equals("auto") || mode.equals("none") || mode.equals("required"))) {
			// a mode written as an object, as LiteLLM reads it
			return ToolChoice.mode(mode);
		}
		if (!strict && choice instanceof Map<?, ?>) {
			// a built-in tool's choice, for a provider's own Responses API
			return null;
		}
		throw new BadRequestError("Invalid value for 'tool_choice': expected auto, none, required or "
				+ "{\"type\": \"function\", \"name\": ...}", null, "tool_choice");
	}

	private static @Nullable ResponseFormat responseFormat(@Nullable Map<String, @Nullable Object> text) {
		if (text == null || text.get("format") == null) {
			return null;
		}
		if (!(text.get("format") instanceof Map<?, ?> format)) {
			// echoed in the response object, where an SDK expects an object
			throw new BadRequestError("Invalid type for 'text.format': expected an object", null, "text.format");
		}
		Object type = format.get("type");
		if ("text".equals(type)) {
			return null;
		}
		if ("json_object".equals(type)) {
			return ResponseFormat.of(ResponseFormat.JSON_OBJECT, null);
		}
		if ("json_schema".equals(type)) {
			Object name = format.get("name");
			Object description = format.get("description");
			Object schema = format.get("schema");
			Object strict = format.get("strict");
			if (name != null && !(name instanceof String)) {
				throw invalidType("text.format.name", "a string");
			}
			if (description != null && !(description instanceof String)) {
				throw invalidType("text.format.description", "a string");
			}
			if (schema != null && !(schema instanceof Map<?, ?>)) {
				throw invalidType("text.format.schema", "an object");
			}
			if (strict != null && !(strict instanceof Boolean)) {
				throw invalidType("text.format.strict", "a boolean");
			}
			return ResponseFormat.of(ResponseFormat.JSON_SCHEMA,
					new ResponseFormat.JsonSchemaFormat((name != null) ? (String) name : "response",
							(String) description, object(schema), (Boolean) strict, new LinkedHashMap<>()));
		}
		throw new BadRequestError("Invalid value for 'text.format.type': expected text, json_object or json_schema",
				null, "text.format.type");
	}

	private static BadRequestError invalidType(String field, String expected) {
		return new BadRequestError("Invalid type for '" + field + "': expected " + expected, null, field);
	}

	private static @Nullable Map<String, @Nullable Object> object(@Nullable Object value) {
		if (!(value instanceof Map<?, ?> map)) {
			return null;
		}
		Map<String, @Nullable Object> object = new LinkedHashMap<>();
		map.forEach((key, item) -> object.put(String.valueOf(key), item));
		return object;
	}

	private static void putIfSet(Map<String, @Nullable Object> map, String name, @Nullable Object value) {
		if (value != null) {
			map.put(name, value);
		}
	}

}
