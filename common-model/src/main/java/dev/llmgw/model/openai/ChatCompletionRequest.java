package dev.llmgw.model.openai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/chat/completions}. The fields the gateway reads are typed,
 * tools, tool choice and response format among them, so that every translator reads them
 * once and alike; every other field (seed, vendor extensions, ...) lives in
 * {@link #extra} and is forwarded as received.
 *
 * @param model the model group the caller asks for
 * @param messages the conversation
 * @param stream whether to answer as server-sent events
 * @param streamOptions {@code stream_options}; {@code include_usage} asks for a final
 * usage chunk
 * @param maxTokens {@code max_tokens}
 * @param maxCompletionTokens {@code max_completion_tokens}
 * @param temperature sampling temperature
 * @param user the end user, used for per-customer budgets
 * @param tools {@code tools}
 * @param toolChoice {@code tool_choice}
 * @param responseFormat {@code response_format}
 * @param extra every other field, in arrival order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(@JsonProperty("model") @Nullable String model,
		@JsonProperty("messages") @Nullable List<ChatMessage> messages,
		@JsonProperty("stream") @Nullable Boolean stream,
		@JsonProperty("stream_options") @Nullable StreamOptions streamOptions,
		@JsonProperty("max_tokens") @Nullable Integer maxTokens,
		@JsonProperty("max_completion_tokens") @Nullable Integer maxCompletionTokens,
		@JsonProperty("temperature") @Nullable Double temperature, @JsonProperty("user") @Nullable String user,
		@JsonProperty("tools") @Nullable List<ChatTool> tools,
		@JsonProperty("tool_choice") @Nullable ToolChoice toolChoice,
		@JsonProperty("response_format") @Nullable ResponseFormat responseFormat,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	public ChatCompletionRequest {
		extra = (extra != null) ? extra : new LinkedHashMap<>();
	}

	public boolean isStream() {
		return Boolean.TRUE.equals(this.stream);
	}

	public boolean wantsUsageInStream() {
		return this.streamOptions != null && this.streamOptions.isIncludeUsage();
	}

	public ChatCompletionRequest withModel(String newModel) {
		return new ChatCompletionRequest(newModel, this.messages, this.stream, this.streamOptions, this.maxTokens,
				this.maxCompletionTokens, this.temperature, this.user, this.tools, this.toolChoice, this.responseFormat,
				this.extra);
	}

	public ChatCompletionRequest withStreamOptions(@Nullable StreamOptions options) {
		return new ChatCompletionRequest(this.model, this.messages, this.stream, options, this.maxTokens,
				this.maxCompletionTokens, this.temperature, this.user, this.tools, this.toolChoice, this.responseFormat,
				this.extra);
	}

	public ChatCompletionRequest withTools(@Nullable List<ChatTool> newTools, @Nullable ToolChoice newToolChoice,
			@Nullable ResponseFormat newResponseFormat) {
		return new ChatCompletionRequest(this.model, this.messages, this.stream, this.streamOptions, this.maxTokens,
				this.maxCompletionTokens, this.temperature, this.user, newTools, newToolChoice, newResponseFormat,
				this.extra);
	}

	/** Whether any tools were given. */
	public boolean hasTools() {
		return this.tools != null && !this.tools.isEmpty();
	}

	public ChatCompletionRequest withExtra(Map<String, @Nullable Object> newExtra) {
		return new ChatCompletionRequest(this.model, this.messages, this.stream, this.streamOptions, this.maxTokens,
				this.maxCompletionTokens, this.temperature, this.user, this.tools, this.toolChoice, this.responseFormat,
				newExtra);
	}

}
