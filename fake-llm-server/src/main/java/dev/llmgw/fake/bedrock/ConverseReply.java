package dev.llmgw.fake.bedrock;

import dev.llmgw.fake.reply.Completion;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Everything a Converse answer says, streamed or not: an optional text block, then an
 * optional tool use.
 *
 * @param sequence the server-wide number of this answer, for its tool use id
 * @param completion the text block's text and why it ended; no text block when a tool is
 * called without a {@code reply} directive
 * @param toolCall the tool to call, or null
 * @param guardrail whether a guardrail replaced the answer ({@code content_policy})
 * @param inputTokens prompt tokens
 * @param latencyMs the latency to report in {@code metrics}
 */
record ConverseReply(long sequence, Completion completion, @Nullable String toolCall, boolean guardrail,
		int inputTokens, long latencyMs) {

	static final String TOOL_INPUT = "{}";

	// Bedrock's default blocked-input message of a guardrail
	static final String BLOCKED = "Sorry, the model cannot answer this question.";

	String toolUseId() {
		return "tooluse_fake_" + this.sequence;
	}

	boolean hasText() {
		return this.toolCall == null || !this.completion.text().isEmpty();
	}

	String stopReason() {
		if (this.guardrail) {
			return "guardrail_intervened";
		}
		if (this.toolCall != null) {
			return "tool_use";
		}
		return switch (this.completion.stop()) {
			case END -> "end_turn";
			case MAX_TOKENS -> "max_tokens";
			case STOP_SEQUENCE -> "stop_sequence";
		};
	}

	void writeUsage(JsonGenerator json) {
		json.writeObjectPropertyStart("usage");
		json.writeNumberProperty("inputTokens", this.inputTokens);
		json.writeNumberProperty("outputTokens", this.completion.tokens());
		json.writeNumberProperty("totalTokens", this.inputTokens + this.completion.tokens());
		json.writeEndObject();
		json.writeObjectPropertyStart("metrics");
		json.writeNumberProperty("latencyMs", this.latencyMs);
		json.writeEndObject();
	}

}
