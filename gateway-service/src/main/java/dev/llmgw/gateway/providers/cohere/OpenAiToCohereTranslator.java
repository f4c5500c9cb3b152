package dev.llmgw.gateway.providers.cohere;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.ParamSupport;
import dev.llmgw.gateway.providers.ParamValues;
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

	CohereChatRequest translate(ChatCompletionRequest given, Deployment deployment, boolean stream) {
		ChatCompletionRequest request = TypedDefaults.apply(given, deployment);
		PARAMS.check(request, deployment);
		Map<String, Object> defaults = deployment.defaults();
		List<CohereChatRequest.Message> messages = new ArrayList<>();
		List<ChatMessage> chat = (request.messages() != null) ? request.messages() : List.of();
		for (int i = 0; i < chat.size(); i++) {
			messages.add(message(chat.get(i), i));
		}
		CohereTools tools = CohereTools.of(request.tools(), request.toolChoice());
		Object maxTokens = (request.maxCompletionTokens() != null) ? request.maxCompletionTokens()
				: (request.maxTokens() != null) ? request.maxTokens() : defaults.get("max_tokens");
		Object stop = param(request, defaults, "stop");
		List<String> stopSequences = (stop instanceof List<?> list) ? list.stream().map(String::valueOf).toList()
				: (stop != null) ? List.of(stop.toString()) : null;
		return new CohereChatRequest(deployment.providerModel(), messages, stream ? Boolean.TRUE : null, tools.tools(),
				tools.choice(), ParamValues.integer(maxTokens, "max_tokens"),
				ParamValues.decimal(
						(request.temperature() != null) ? request.temperature() : defaults.get("temperature"),
						"temperature"),
				ParamValues.decimal(param(request, defaults, "top_p"), "top_p"),
				ParamValues.integer(param(request, defaults, "top_k"), "top_k"), stopSequences,
				ParamValues.integer(param(request, defaults, "seed"), "seed"),
				ParamValues.decimal(param(request, defaults, "frequency_penalty"), "frequency_penalty"),
				ParamValues.decimal(param(request, defaults, "presence_penalty"), "presence_penalty"),
				responseFormat(request.responseFormat()));
	}

	private static CohereChatRequest.Message message(ChatMessage message, int index) {
		String role = String.valueOf(message.role());
		switch (role) {
			case "system", "developer":
				return new CohereChatRequest.Message("system", message.text(), null, null, null);
			case "user":
				return new CohereChatRequest.Message("user", userContent(message, index), null, null, null);
			case "assistant": {
				Object calls = message.extra().get("tool_calls");
				boolean hasCalls = calls instanceof List<?> list && !list.isEmpty();
				String text = message.text().isBlank() ? null : message.text();
				return new CohereChatRequest.Message("assistant", hasCalls ? null : text, hasCalls ? text : null,
						hasCalls ? calls : null, null);
			}
			case "tool": {
				Object id = message.extra().get("tool_call_id");
				if (id == null) {
					throw new BadRequestError(
							"Invalid message at messages[" + index + "]: a tool message needs tool_call_id", null,
							"messages");
				}
				return new CohereChatRequest.Message("tool", message.text(), null, null, id.toString());
			}
			default:
				throw new BadRequestError("Invalid message at messages[" + index + "]: unknown role '" + role + "'",
						null, "messages");
		}
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
	private static CohereChatRequest.@Nullable ResponseFormat responseFormat(@Nullable ResponseFormat format) {
		if (format == null || ResponseFormat.TEXT.equals(format.type())) {
			return null;
		}
		if (!ResponseFormat.JSON_OBJECT.equals(format.type()) && !ResponseFormat.JSON_SCHEMA.equals(format.type())) {
			throw new BadRequestError("Invalid response_format type: " + format.type(), null, "response_format");
		}
		return new CohereChatRequest.ResponseFormat("json_object",
				(format.jsonSchema() != null) ? format.jsonSchema().schema() : null);
	}

	private static @Nullable Object param(ChatCompletionRequest request, Map<String, Object> defaults, String name) {
		Object value = request.extra().get(name);
		return (value != null) ? value : defaults.get(name);
	}

}
