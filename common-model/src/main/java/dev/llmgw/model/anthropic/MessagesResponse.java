package dev.llmgw.model.anthropic;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.jspecify.annotations.Nullable;

/**
 * A Messages API response (https://docs.anthropic.com/en/api/messages), also the
 * {@code message} of a stream's message_start event.
 *
 * @param id message id
 * @param type always {@code message}
 * @param role always {@code assistant}
 * @param model the model
 * @param content text and tool_use blocks
 * @param stopReason end_turn, max_tokens, stop_sequence, tool_use or refusal; null at the
 * start of a stream
 * @param stopSequence the stop sequence that ended it, if any
 * @param usage token counts
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessagesResponse(@JsonProperty("id") String id, @JsonProperty("type") String type,
		@JsonProperty("role") String role, @JsonProperty("model") String model,
		@JsonProperty("content") @JsonSetter(contentNulls = Nulls.FAIL) List<ContentBlock> content,
		@JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("stop_reason") @Nullable String stopReason,
		@JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("stop_sequence") @Nullable String stopSequence,
		@JsonProperty("usage") MessagesUsage usage) {

}
