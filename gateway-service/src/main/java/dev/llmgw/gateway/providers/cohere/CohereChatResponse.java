package dev.llmgw.gateway.providers.cohere;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.jspecify.annotations.Nullable;

/**
 * Cohere's chat answer (https://docs.cohere.com/reference/chat#response), also the
 * {@code delta} of a stream's events (https://docs.cohere.com/reference/chat-stream),
 * whose message pieces have the same names. Only read, so fields not named here are
 * ignored.
 *
 * @param id the answer's id
 * @param finishReason COMPLETE, MAX_TOKENS, TOOL_CALL, ...
 * @param message the answer
 * @param usage billed units and tokens
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CohereChatResponse(@JsonProperty("id") @Nullable String id,
		@JsonProperty("finish_reason") @Nullable String finishReason,
		@JsonProperty("message") @Nullable Message message, @JsonProperty("usage") @Nullable Usage usage) {

	/**
	 * @param content text parts; a stream's content-delta sends one part as an object
	 * @param toolPlan the words before the tool calls
	 * @param toolCalls the calls; a stream's tool-call events send one as an object
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Message(
			@JsonProperty("content") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @JsonSetter(
					contentNulls = Nulls.FAIL) @Nullable List<ContentPart> content,
			@JsonProperty("tool_plan") @Nullable String toolPlan,
			@JsonProperty("tool_calls") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @JsonSetter(
					contentNulls = Nulls.FAIL) @Nullable List<ToolCall> toolCalls) {

		List<ContentPart> contentParts() {
			return (this.content != null) ? this.content : List.of();
		}

		List<ToolCall> calls() {
			return (this.toolCalls != null) ? this.toolCalls : List.of();
		}

	}

	/**
	 * @param type text (or another kind, skipped); none in a stream's content-delta
	 * @param text the text
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record ContentPart(@JsonProperty("type") @Nullable String type, @JsonProperty("text") @Nullable String text) {
	}

	/**
	 * A tool call in OpenAI's shape, or a stream's piece of one.
	 *
	 * @param id the call's id
	 * @param function its name and arguments
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record ToolCall(@JsonProperty("id") @Nullable String id, @JsonProperty("function") @Nullable Function function) {
	}

	/**
	 * @param name the function's name
	 * @param arguments its arguments: JSON text (an object from older models)
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Function(@JsonProperty("name") @Nullable String name,
			@JsonProperty("arguments") @Nullable Object arguments) {
	}

	/**
	 * @param billedUnits what is billed
	 * @param tokens what the model read and wrote
	 * @param cachedTokens the prompt's cached share
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Usage(@JsonProperty("billed_units") @Nullable Counts billedUnits,
			@JsonProperty("tokens") @Nullable Counts tokens,
			@JsonProperty("cached_tokens") @Nullable Long cachedTokens) {
	}

	/**
	 * @param inputTokens tokens read
	 * @param outputTokens tokens written
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Counts(@JsonProperty("input_tokens") @Nullable Long inputTokens,
			@JsonProperty("output_tokens") @Nullable Long outputTokens) {
	}

	/**
	 * One stream event: its type and its delta, shaped as a whole answer's fields.
	 *
	 * @param type message-start, content-delta, tool-plan-delta, tool-call-start,
	 * tool-call-delta, message-end, ...
	 * @param delta the event's piece
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Event(@JsonProperty("type") @Nullable String type,
			@JsonProperty("delta") @Nullable CohereChatResponse delta) {
	}

}
