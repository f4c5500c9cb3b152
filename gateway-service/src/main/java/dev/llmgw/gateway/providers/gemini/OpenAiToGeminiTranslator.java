package dev.llmgw.gateway.providers.gemini;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.ParamSupport;
import dev.llmgw.gateway.providers.TypedDefaults;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ChatMessage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI chat request to a Gemini {@code GenerateContentRequest}
 * (https://ai.google.dev/api/generate-content#request-body): system and developer
 * messages become the {@code systemInstruction}, the assistant speaks as {@code model},
 * tool calls become {@code functionCall} parts and tool messages {@code functionResponse}
 * parts in a user turn of their own. Gemini names a function response by the function,
 * not by a call id, so the name is looked up from the earlier tool call with the
 * message's {@code tool_call_id}. Consecutive messages of one kind are merged, so that
 * the answers to parallel calls arrive in one turn as Gemini expects.
 */
final class OpenAiToGeminiTranslator {

	static final ParamSupport PARAMS = new ParamSupport("gemini", Set.of("tools", "tool_choice", "stop", "top_p",
			"top_k", "seed", "presence_penalty", "frequency_penalty", "response_format", "safety_settings"));

	private final JsonMapper mapper;

	OpenAiToGeminiTranslator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	Map<String, Object> translate(ChatCompletionRequest given, Deployment deployment) {
		ChatCompletionRequest request = TypedDefaults.apply(given, deployment);
		PARAMS.check(request, deployment);
		List<Map<String, Object>> system = new ArrayList<>();
		List<Content> contents = new ArrayList<>();
		Map<String, String> toolNames = new HashMap<>();
		List<ChatMessage> messages = (request.messages() != null) ? request.messages() : List.of();
		for (int i = 0; i < messages.size(); i++) {
			add(messages.get(i), i, system, contents, toolNames);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("contents", contents.stream().map(Content::toMap).toList());
		if (!system.isEmpty()) {
			body.put("systemInstruction", Map.of("parts", system));
		}
		Object tools = GeminiTools.tools(request.tools());
		if (tools != null) {
			body.put("tools", tools);
		}
		Object toolConfig = GeminiTools.toolConfig(request.toolChoice());
		if (toolConfig != null) {
			body.put("toolConfig", toolConfig);
		}
		Object safety = GeminiGenerationConfig.param(request, deployment.defaults(), "safety_settings");
		if (safety != null) {
			body.put("safetySettings", safety);
		}
		Object generationConfig = GeminiGenerationConfig.of(request, deployment.defaults());
		if (generationConfig != null) {
			body.put("generationConfig", generationConfig);
		}
		return body;
	}

	private void add(ChatMessage message, int index, List<Map<String, Object>> system, List<Content> contents,
			Map<String, String> toolNames) {
		String role = String.valueOf(message.role());
		switch (role) {
			case "system", "developer" -> {
				if (!message.text().isEmpty()) {
					system.add(Map.of("text", message.text()));
				}
			}
			case "user" -> append(contents, "user", "user", GeminiParts.user(message, index));
			case "assistant" -> append(contents, "model", "model", assistantParts(message, toolNames));
			case "tool", "function" ->
				append(contents, "user", "tool", List.of(functionResponse(message, index, toolNames)));
			default -> throw new BadRequestError(
					"Invalid message at messages[" + index + "]: unknown role '" + role + "'", null, "messages");
		}
	}

	/**
	 * @param kind what the turn holds; only turns of one kind merge, so that function
	 * responses stay a turn of their own, as LiteLLM sends them
	 */
	private static void append(List<Content> contents, String role, String kind, List<Map<String, Object>> parts) {
		if (parts.isEmpty()) {
			return;
		}
		Content last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
		if (last != null && last.kind().equals(kind)) {
			last.parts().addAll(parts);
		}
		else {
			contents.add(new Content(role, kind, new ArrayList<>(parts)));
		}
	}

	private List<Map<String, Object>> assistantParts(ChatMessage message, Map<String, String> toolNames) {
		List<Map<String, Object>> parts = new ArrayList<>();
		if (!message.text().isBlank()) {
			parts.add(Map.of("text", message.text()));
		}
		if (message.extra().get("tool_calls") instanceof List<?> calls) {
			for (Object call : calls) {
				if (call instanceof Map<?, ?> map && map.get("function") instanceof Map<?, ?> function) {
					String name = String.valueOf(function.get("name"));
					// a later call may reuse an id (Gemini has none, ids are ours): the
					// latest call is the one the following tool messages answer
					toolNames.put(String.valueOf(map.get("id")), name);
					Map<String, Object> part = new LinkedHashMap<>();
					part.put("functionCall", Map.of("name", name, "args", arguments(function.get("arguments"))));
					String signature = ThoughtSignatures.of(map.get("id"));
					if (signature != null) {
						part.put("thoughtSignature", signature);
					}
					parts.add(part);
				}
			}
		}
		return parts;
	}

	private static Map<String, Object> functionResponse(ChatMessage message, int index, Map<String, String> toolNames) {
		Object id = message.extra().get("tool_call_id");
		String name = (id != null) ? toolNames.get(id.toString()) : message.name();
		if (name == null) {
			name = message.name();
		}
		if (name == null) {
			throw new BadRequestError(
					"Invalid message at messages[" + index + "]: tool_call_id " + id
							+ " matches no earlier assistant tool call, and gemini needs the function's name",
					null, "messages");
		}
		// Gemini wants the response as an object; LiteLLM wraps the tool's text likewise
		return Map.of("functionResponse", Map.of("name", name, "response", Map.of("content", message.text())));
	}

	private Object arguments(@Nullable Object arguments) {
		if (!(arguments instanceof String text)) {
			return (arguments != null) ? arguments : Map.of();
		}
		if (text.isBlank()) {
			return Map.of();
		}
		try {
			return this.mapper.readValue(text, Map.class);
		}
		catch (JacksonException ex) {
			throw new BadRequestError("Invalid tool call arguments: not a JSON object: " + ex.getOriginalMessage(),
					null, "messages");
		}
	}

	/** One turn of the conversation while it is built. */
	private record Content(String role, String kind, List<Map<String, Object>> parts) {

		Map<String, Object> toMap() {
			Map<String, Object> content = new LinkedHashMap<>();
			content.put("role", this.role);
			content.put("parts", this.parts);
			return content;
		}

	}

}
