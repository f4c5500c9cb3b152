package dev.llmgw.gateway.responses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/responses}
 * (https://platform.openai.com/docs/api-reference/responses/create): the fields the
 * gateway reads by name; the rest ({@code include}, {@code truncation}, LiteLLM's own
 * controls such as {@code fallbacks} or {@code mock_response}) stays in {@code extra}.
 *
 * @param model the model group
 * @param input a string (one user message) or a list of input items
 * @param instructions a system message put first; not carried over to a later response
 * @param previousResponseId a stored response whose conversation this one continues
 * @param store whether the response is kept (true when absent, as OpenAI's)
 * @param stream whether the answer comes as typed events
 * @param tools function tools
 * @param toolChoice {@code auto}, {@code none}, {@code required} or a named function
 * @param text the output format ({@code text.format})
 * @param reasoning the reasoning settings ({@code effort}, {@code summary})
 * @param maxOutputTokens the most tokens the answer may use
 * @param temperature sampling temperature
 * @param topP nucleus sampling
 * @param metadata the caller's key-value pairs, kept with the response
 * @param user the end user
 * @param parallelToolCalls whether the model may call several tools at once
 * @param extra every other field
 */
public record ResponsesRequest(@JsonProperty("model") @Nullable String model,
		@JsonProperty("input") @Nullable Object input, @JsonProperty("instructions") @Nullable Object instructions,
		@JsonProperty("previous_response_id") @Nullable String previousResponseId,
		@JsonProperty("store") @Nullable Boolean store, @JsonProperty("stream") @Nullable Boolean stream,
		@JsonProperty("tools") @Nullable List<Map<String, @Nullable Object>> tools,
		@JsonProperty("tool_choice") @Nullable Object toolChoice,
		@JsonProperty("text") @Nullable Map<String, @Nullable Object> text,
		@JsonProperty("reasoning") @Nullable Map<String, @Nullable Object> reasoning,
		@JsonProperty("max_output_tokens") @Nullable Integer maxOutputTokens,
		@JsonProperty("temperature") @Nullable Double temperature, @JsonProperty("top_p") @Nullable Double topP,
		@JsonProperty("metadata") @Nullable Map<String, @Nullable Object> metadata,
		@JsonProperty("user") @Nullable String user,
		@JsonProperty("parallel_tool_calls") @Nullable Boolean parallelToolCalls,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	public ResponsesRequest {
		extra = (extra != null) ? extra : new LinkedHashMap<>();
	}

	public boolean isStream() {
		return Boolean.TRUE.equals(this.stream);
	}

	/** Whether the response is kept: unless the caller says {@code "store": false}. */
	public boolean isStored() {
		return !Boolean.FALSE.equals(this.store);
	}

}
