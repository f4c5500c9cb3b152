package dev.llmgw.gateway.providers.cohere;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.llmgw.model.openai.ChatTool;
import org.jspecify.annotations.Nullable;

/**
 * The body of Cohere's {@code POST /v2/chat} (https://docs.cohere.com/reference/chat).
 * Tools are OpenAI's function shape, which v2 takes as it is.
 *
 * @param model the model id
 * @param messages the conversation
 * @param stream whether to answer as server-sent events
 * @param tools the functions the model may call
 * @param toolChoice REQUIRED or NONE
 * @param maxTokens the most tokens to generate
 * @param temperature sampling temperature
 * @param p nucleus sampling (OpenAI's top_p)
 * @param k top-k sampling
 * @param stopSequences stop sequences
 * @param seed the sampling seed
 * @param frequencyPenalty OpenAI's frequency penalty
 * @param presencePenalty OpenAI's presence penalty
 * @param responseFormat JSON mode, with an optional schema
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CohereChatRequest(@JsonProperty("model") String model, @JsonProperty("messages") List<Message> messages,
		@JsonProperty("stream") @Nullable Boolean stream, @JsonProperty("tools") @Nullable List<ChatTool> tools,
		@JsonProperty("tool_choice") @Nullable String toolChoice,
		@JsonProperty("max_tokens") @Nullable Integer maxTokens,
		@JsonProperty("temperature") @Nullable Double temperature, @JsonProperty("p") @Nullable Double p,
		@JsonProperty("k") @Nullable Integer k, @JsonProperty("stop_sequences") @Nullable List<String> stopSequences,
		@JsonProperty("seed") @Nullable Integer seed,
		@JsonProperty("frequency_penalty") @Nullable Double frequencyPenalty,
		@JsonProperty("presence_penalty") @Nullable Double presencePenalty,
		@JsonProperty("response_format") @Nullable ResponseFormat responseFormat) {

	/**
	 * One message (https://docs.cohere.com/reference/chat#request.body.messages).
	 *
	 * @param role system, user, assistant or tool
	 * @param content text, or a user's text and image parts
	 * @param toolPlan an assistant's words before its tool calls
	 * @param toolCalls an assistant's tool calls, in OpenAI's shape
	 * @param toolCallId the call a tool message answers
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Message(@JsonProperty("role") String role, @JsonProperty("content") @Nullable Object content,
			@JsonProperty("tool_plan") @Nullable String toolPlan,
			@JsonProperty("tool_calls") @Nullable Object toolCalls,
			@JsonProperty("tool_call_id") @Nullable String toolCallId) {
	}

	/**
	 * @param type always json_object
	 * @param jsonSchema the answer's schema
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ResponseFormat(@JsonProperty("type") String type,
			@JsonProperty("json_schema") @Nullable Map<String, @Nullable Object> jsonSchema) {
	}

}
