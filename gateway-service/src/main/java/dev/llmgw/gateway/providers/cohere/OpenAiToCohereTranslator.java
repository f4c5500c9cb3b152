package dev.llmgw.gateway.providers.cohere;

import java.util.ArrayList;
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
import dev.llmgw.model.openai.ResponseFormat;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI chat request to a Cohere v2 chat request
 * (https://docs.cohere.com/reference/chat). v2 is close to OpenAI: roles, tool calls and
 * tools keep their OpenAI shape; what differs is renamed here ({@code top_p} is
 * {@code p}, {@code stop} is {@code stop_sequences}, tool choice is upper case) and the
 * assistant's text beside its tool calls is its {@code tool_plan}.
 */
final class OpenAiToCohereTranslator {

	static final ParamSupport PARAMS = new ParamSupport("cohere", Set.of("tools", "tool_choice", "stop", "top_p",
			"top_k", "seed", "frequency_penalty", "presence_penalty", "response_format"));

	Map<String, Object> translate(ChatCompletionRequest given, Deployment deployment, boolean stream) {
		ChatCompletionRequest request = TypedDefaults.apply(given, deployment);
		PARAMS.check(request, deployment);
		Map<String, Object> defaults = deployment.defaults();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("model", deployment.providerModel());
		List<Map<String, Object>> messages = new ArrayList<>();
		List<ChatMessage> chat = (request.messages() != null) ? request.messages() : List.of();
		for (int i = 0; i < chat.size(); i++) {
			messages.add(message(chat.get(i), i));
		}
		body.put("messages", messages);
		if (stream) {
			body.put("stream", true);
		}
		CohereTools.apply(request.tools(), request.toolChoice(), body);
		Object maxTokens = (request.maxCompletionTokens() != null) ? request.maxCompletionTokens()
				: (request.maxTokens() != null) ? request.maxTokens() : defaults.get("max_tokens");
		put(body, "max_tokens", maxTokens);
		put(body, "temperature", (request.temperature() != null) ? request.temperature() : defaults.get("temperature"));
		put(body, "p", param(request, defaults, "top_p"));
		put(body, "k", param(request, defaults, "top_k"));
		Object stop = param(request, defaults, "stop");
		put(body, "stop_sequences", (stop instanceof String one) ? List.of(one) : stop);
		put(body, "seed", param(request, defaults, "seed"));
		put(body, "frequency_penalty", param(request, defaults, "frequency_penalty"));
		put(body, "presence_penalty", param(request, defaults, "presence_penalty"));
		put(body, "response_format", responseFormat(request.responseFormat()));
		return body;
	}

	private static Map<String, Object> message(ChatMessage message, int index) {
		String role = String.valueOf(message.role());
		Map<String, Object> cohere = new LinkedHashMap<>();
		switch (role) {
			case "system", "developer" -> {
				cohere.put("role", "system");
				cohere.put("content", message.text());
			}
			case "user" -> {
				cohere.put("role", "user");
				cohere.put("content", userContent(message, index));
			}
			case "assistant" -> {
				cohere.put("role", "assistant");
				Object calls = message.extra().get("tool_calls");
				boolean hasCalls = calls instanceof List<?> list && !list.isEmpty();
				if (!message.text().isBlank()) {
					cohere.put(hasCalls ? "tool_plan" : "content", message.text());
				}
				if (hasCalls) {
					cohere.put("tool_calls", calls);
				}
			}
			case "tool" -> {
				Object id = message.extra().get("tool_call_id");
				if (id == null) {
					throw new BadRequestError(
							"Invalid message at messages[" + index + "]: a tool message needs tool_call_id", null,
							"messages");
				}
				cohere.put("role", "tool");
				cohere.put("tool_call_id", id.toString());
				cohere.put("content", message.text());
			}
			default -> throw new BadRequestError(
					"Invalid message at messages[" + index + "]: unknown role '" + role + "'", null, "messages");
		}
		return cohere;
	}

	/**
	 * Text, or text and {@code image_url} parts, which v2 takes in OpenAI's shape for
	 * vision models (https://docs.cohere.com/docs/image-inputs).
	 */
	private static Object userContent(ChatMessage message, int index) {
		if (!(message.content() instanceof List<?> parts)) {
			return message.text();
		}
		for (Object part : parts) {
			Object type = (part instanceof Map<?, ?> map) ? map.get("type") : null;
			if (!"text".equals(type) && !"image_url".equals(type)) {
				throw new BadRequestError("Invalid content part at messages[" + index
						+ "]: cohere takes text and image_url parts, not '" + type + "'", null, "messages");
			}
		}
		return parts;
	}

	/**
	 * Cohere has one JSON mode, {@code json_object}, with an optional schema
	 * (https://docs.cohere.com/docs/structured-outputs).
	 */
	private static @Nullable Object responseFormat(@Nullable ResponseFormat format) {
		if (format == null || ResponseFormat.TEXT.equals(format.type())) {
			return null;
		}
		if (!ResponseFormat.JSON_OBJECT.equals(format.type()) && !ResponseFormat.JSON_SCHEMA.equals(format.type())) {
			throw new BadRequestError("Invalid response_format type: " + format.type(), null, "response_format");
		}
		Map<String, Object> cohere = new LinkedHashMap<>();
		cohere.put("type", "json_object");
		if (format.jsonSchema() != null && format.jsonSchema().schema() != null) {
			cohere.put("json_schema", format.jsonSchema().schema());
		}
		return cohere;
	}

	private static @Nullable Object param(ChatCompletionRequest request, Map<String, Object> defaults, String name) {
		Object value = request.extra().get(name);
		return (value != null) ? value : defaults.get(name);
	}

	private static void put(Map<String, Object> body, String key, @Nullable Object value) {
		if (value != null) {
			body.put(key, value);
		}
	}

}
