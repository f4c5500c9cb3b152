package dev.llmgw.model.bedrock;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A Converse answer
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax),
 * as the middleware writes it.
 *
 * @param output the answer's message
 * @param stopReason end_turn, tool_use, max_tokens, stop_sequence, content_filtered,
 * guardrail_intervened
 * @param usage the call's tokens
 * @param metrics the call's latency
 * @param extra the guardrail's {@code trace}, the middleware's {@code session_id}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConverseResponse(@JsonProperty("output") Output output, @JsonProperty("stopReason") String stopReason,
		@JsonProperty("usage") Usage usage, @JsonProperty("metrics") Metrics metrics,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	public ConverseResponse {
		extra = (extra != null) ? extra : new LinkedHashMap<>();
	}

	/**
	 * @param message the assistant's message
	 */
	public record Output(@JsonProperty("message") ConverseMessage message) {
	}

	/**
	 * @param inputTokens the prompt's tokens
	 * @param outputTokens the answer's tokens
	 * @param totalTokens both
	 */
	public record Usage(@JsonProperty("inputTokens") long inputTokens, @JsonProperty("outputTokens") long outputTokens,
			@JsonProperty("totalTokens") long totalTokens) {
	}

	/**
	 * @param latencyMs the call's duration
	 */
	public record Metrics(@JsonProperty("latencyMs") long latencyMs) {
	}

}
