package dev.llmgw.model.anthropic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/messages}.
 *
 * @param model the model
 * @param messages the conversation, roles user and assistant
 * @param system a string or a list of text blocks
 * @param maxTokens the most tokens to generate (required)
 * @param stream whether to answer as server-sent events
 * @param temperature sampling temperature
 * @param topP nucleus sampling
 * @param topK top-k sampling
 * @param stopSequences custom stop sequences
 * @param tools tools: name, description, input_schema
 * @param toolChoice auto, any, tool (with name) or none
 * @param metadata {@code user_id}
 * @param extra any other field (thinking, ...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessagesRequest(@JsonProperty("model") @Nullable String model,
		@JsonProperty("messages") @Nullable List<MessagesRequest.Message> messages,
		@JsonProperty("system") @Nullable Object system, @JsonProperty("max_tokens") @Nullable Integer maxTokens,
		@JsonProperty("stream") @Nullable Boolean stream, @JsonProperty("temperature") @Nullable Double temperature,
		@JsonProperty("top_p") @Nullable Double topP, @JsonProperty("top_k") @Nullable Integer topK,
		@JsonProperty("stop_sequences") @Nullable List<String> stopSequences,
		@JsonProperty("tools") @Nullable List<MessagesTool> tools,
		@JsonProperty("tool_choice") @Nullable MessagesToolChoice toolChoice,
		@JsonProperty("metadata") @Nullable Map<String, Object> metadata,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	public MessagesRequest {
		extra = (extra != null) ? extra : new LinkedHashMap<>();
	}

	public boolean isStream() {
		return Boolean.TRUE.equals(this.stream);
	}

	/**
	 * One turn.
	 *
	 * @param role user or assistant
	 * @param content a string or a list of content blocks
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Message(@JsonProperty("role") @Nullable String role,
			@JsonProperty("content") @Nullable Object content) {

	}

}
