package dev.llmgw.middleware.bedrock;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.middleware.converse.ConverseTools;
import dev.llmgw.model.bedrock.ConverseMessage;
import dev.llmgw.model.bedrock.ConverseResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

	ConverseResponse translate(JsonNode completion, long latencyMillis) {
		JsonNode choice = completion.path("choices").path(0);
		JsonNode answer = choice.path("message");
		List<ConverseMessage.Block> content = new ArrayList<>();
		String text = answer.path("content").asString("");
		if (!text.isEmpty()) {
			content.add(ConverseMessage.Block.text(text));
		}
		content.addAll(ConverseTools.toolUses(this.mapper, answer.path("tool_calls")));
		return new ConverseResponse(new ConverseResponse.Output(new ConverseMessage("assistant", content)),
				stopReason(choice.path("finish_reason").asString(null)), usage(completion.path("usage")),
				new ConverseResponse.Metrics(latencyMillis), null);
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

	static ConverseResponse.Usage usage(JsonNode usage) {
		long input = usage.path("prompt_tokens").asLong(0);
		long output = usage.path("completion_tokens").asLong(0);
		return new ConverseResponse.Usage(input, output, usage.path("total_tokens").asLong(input + output));
	}

}
