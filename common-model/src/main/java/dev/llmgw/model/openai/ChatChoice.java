package dev.llmgw.model.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One choice of a {@link ChatCompletion}.
 *
 * @param index its position
 * @param message the assistant's message, with {@code tool_calls} in its extra fields
 * @param finishReason stop, length, tool_calls or content_filter
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatChoice(@JsonProperty("index") int index, @JsonProperty("message") ChatMessage message,
		@JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("finish_reason") @Nullable String finishReason) {

}
