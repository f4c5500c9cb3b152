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

	GenerateContentRequest translate(ChatCompletionRequest given, Deployment deployment) {
		ChatCompletionRequest request = TypedDefaults.apply(given, deployment);
		PARAMS.check(request, deployment);
		List<GeminiContent.Part> system = new ArrayList<>();
		List<Turn> turns = new ArrayList<>();
		Map<String, String> toolNames = new HashMap<>();
		List<ChatMessage> messages = (request.messages() != null) ? request.messages() : List.of();
		for (int i = 0; i < messages.size(); i++) {
			add(messages.get(i), i, system, turns, toolNames);
		}
		return new GenerateContentRequest(turns.stream().map(Turn::content).toList(),
				system.isEmpty() ? null : new GeminiContent(null, system), GeminiTools.tools(request.tools()),
				GeminiTools.toolConfig(request.toolChoice()),
				GeminiGenerationConfig.param(request, deployment.defaults(), "safety_settings"),
				GeminiGenerationConfig.of(request, deployment.defaults()));
	}

	private void add(ChatMessage message, int index, List<GeminiContent.Part> system, List<Turn> turns,
			Map<String, String> toolNames) {
		String role = String.valueOf(message.role());
		switch (role) {
			case "system", "developer" -> {
				if (!message.text().isEmpty()) {
					system.add(GeminiContent.Part.text(message.text()));
				}
			}
			case "user" -> append(turns, "user", "user", GeminiParts.user(message, index));
			case "assistant" -> append(turns, "model", "model", assistantParts(message, toolNames));
			case "tool", "function" ->
				append(turns, "user", "tool", List.of(functionResponse(message, index, toolNames)));
			default -> throw new BadRequestError(
					"Invalid message at messages[" + index + "]: unknown role '" + role + "'", null, "messages");
		}
	}

	/**
	 * @param kind what the turn holds; only turns of one kind merge, so that function
	 * responses stay a turn of their own, as LiteLLM sends them
	 */
	private static void append(List<Turn> turns, String role, String kind, List<GeminiContent.Part> parts) {
		if (parts.isEmpty()) {
			return;
		}
		Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
		if (last != null && last.kind().equals(kind)) {
			last.parts().addAll(parts);
		}
		else {
			turns.add(new Turn(role, kind, new ArrayList<>(parts)));
		}
	}

	private List<GeminiContent.Part> assistantParts(ChatMessage message, Map<String, String> toolNames) {
		List<GeminiContent.Part> parts = new ArrayList<>();
		if (!message.text().isBlank()) {
			parts.add(GeminiContent.Part.text(message.text()));
		}
		if (message.extra().get("tool_calls") instanceof List<?> calls) {
			for (Object call : calls) {
				if (call instanceof Map<?, ?> map && map.get("function") instanceof Map<?, ?> function) {
					String name = String.valueOf(function.get("name"));
					// a later call may reuse an id (Gemini has none, ids are ours): the
					// latest call is the one the following tool messages answer
					toolNames.put(String.valueOf(map.get("id")), name);
					parts.add(GeminiContent.Part.call(name, arguments(function.get("arguments")),
							ThoughtSignatures.of(map.get("id"))));
				}
			}
		}
		return parts;
	}

	private static GeminiContent.Part functionResponse(ChatMessage message, int index, Map<String, String> toolNames) {
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
		Map<String, @Nullable Object> response = new LinkedHashMap<>();
		response.put("content", message.text());
		return GeminiContent.Part.response(name, response);
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
	private record Turn(String role, String kind, List<GeminiContent.Part> parts) {

		GeminiContent content() {
			return new GeminiContent(this.role, this.parts);
		}

	}

}
