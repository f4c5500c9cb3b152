package dev.llmgw.model.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One event of a streamed Messages answer
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming), as read from a
 * provider: one record for every event type, each using its own fields.
 *
 * @param type message_start, content_block_start, content_block_delta,
 * content_block_stop, message_delta, message_stop, ping or error
 * @param message message_start's message, with its input usage
 * @param index the content block a block event is about
 * @param contentBlock content_block_start's block
 * @param delta a content_block_delta's or message_delta's change
 * @param usage message_delta's counts (output tokens, and input counts when repeated)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessagesStreamEvent(@JsonProperty("type") @Nullable String type,
		@JsonProperty("message") @Nullable MessagesResponse message, @JsonProperty("index") @Nullable Integer index,
		@JsonProperty("content_block") @Nullable ContentBlock contentBlock,
		@JsonProperty("delta") @Nullable Delta delta, @JsonProperty("usage") @Nullable MessagesUsage usage) {

	/**
	 * A block's change (text_delta, input_json_delta, thinking_delta, signature_delta) or
	 * the message's (stop reason).
	 *
	 * @param type the change's type; none on message_delta
	 * @param text a text_delta's text
	 * @param partialJson an input_json_delta's piece of a tool's input
	 * @param thinking a thinking_delta's reasoning
	 * @param signature a signature_delta's signature
	 * @param stopReason message_delta's stop reason
	 * @param stopSequence message_delta's stop sequence
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Delta(@JsonProperty("type") @Nullable String type, @JsonProperty("text") @Nullable String text,
			@JsonProperty("partial_json") @Nullable String partialJson,
			@JsonProperty("thinking") @Nullable String thinking, @JsonProperty("signature") @Nullable String signature,
			@JsonProperty("stop_reason") @Nullable String stopReason,
			@JsonProperty("stop_sequence") @Nullable String stopSequence) {

	}

}
