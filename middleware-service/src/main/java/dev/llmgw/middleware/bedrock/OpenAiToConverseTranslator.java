package dev.llmgw.middleware.bedrock;

import dev.llmgw.middleware.converse.ConverseTools;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's OpenAI chat completion as a Converse response (shared/spec/middleware.md,
 * "OpenAI -> Converse response"): text and tool uses as content blocks, the finish reason
 * as a stop reason, the usage and the call's latency.
 */
final class OpenAiToConverseTranslator {

	private final JsonMapper mapper;

	OpenAiToConverseTranslator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	ObjectNode translate(JsonNode completion, long latencyMillis) {
		ObjectNode response = this.mapper.createObjectNode();
		ObjectNode message = response.putObject("output").putObject("message").put("role", "assistant");
		ArrayNode content = message.putArray("content");
		JsonNode choice = completion.path("choices").path(0);
		JsonNode answer = choice.path("message");
		String text = answer.path("content").asString("");
		if (!text.isEmpty()) {
			content.addObject().put("text", text);
		}
		ConverseTools.addToolUses(this.mapper, answer.path("tool_calls"), content);
		response.put("stopReason", stopReason(choice.path("finish_reason").asString(null)));
		usage(completion.path("usage"), response.putObject("usage"));
		response.putObject("metrics").put("latencyMs", latencyMillis);
		return response;
	}

	static String stopReason(@Nullable String finishReason) {
		if (finishReason == null) {
			return "end_turn";
		}
		return switch (finishReason) {
			case "length" -> "max_tokens";
			case "tool_calls", "function_call" -> "tool_use";
			case "content_filter" -> "content_filtered";
			case GuardrailInterventions.STOP_REASON -> GuardrailInterventions.STOP_REASON;
			default -> "end_turn";
		};
	}

	static void usage(JsonNode usage, ObjectNode target) {
		long input = usage.path("prompt_tokens").asLong(0);
		long output = usage.path("completion_tokens").asLong(0);
		target.put("inputTokens", input);
		target.put("outputTokens", output);
		target.put("totalTokens", usage.path("total_tokens").asLong(input + output));
	}

}
