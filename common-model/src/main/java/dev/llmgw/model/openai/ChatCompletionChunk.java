package dev.llmgw.model.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One server-sent chunk of a streamed chat completion
 * (https://platform.openai.com/docs/api-reference/chat/streaming); the usage chunk has no
 * choices.
 *
 * @param id completion id, the same on every chunk
 * @param object always {@code chat.completion.chunk}
 * @param created seconds since the epoch
 * @param model the model that answers
 * @param choices the deltas
 * @param usage token usage, on the last chunk only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionChunk(@JsonProperty("id") String id, @JsonProperty("object") String object,
		@JsonProperty("created") long created, @JsonProperty("model") String model,
		@JsonProperty("choices") List<Choice> choices, @JsonProperty("usage") @Nullable Usage usage) {

	public static final String OBJECT = "chat.completion.chunk";

	/**
	 * @param index the choice
	 * @param delta what this chunk adds
	 * @param finishReason set on the choice's last chunk
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Choice(@JsonProperty("index") int index, @JsonProperty("delta") Delta delta,
			@JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("finish_reason") @Nullable String finishReason) {

	}

	/**
	 * @param role assistant, on the first chunk
	 * @param content a piece of text
	 * @param toolCalls pieces of tool calls
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Delta(@JsonProperty("role") @Nullable String role, @JsonProperty("content") @Nullable String content,
			@JsonProperty("tool_calls") @Nullable List<ToolCall> toolCalls) {

	}

}
