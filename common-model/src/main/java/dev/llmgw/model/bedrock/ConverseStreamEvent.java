package dev.llmgw.model.bedrock;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The payloads of ConverseStream's events
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html#API_runtime_ConverseStream_ResponseSyntax),
 * each sent in an event-stream frame whose {@code :event-type} names it; the record of
 * each type is nested here.
 */
public final class ConverseStreamEvent {

	private ConverseStreamEvent() {
	}

	/**
	 * {@code messageStart}.
	 *
	 * @param role always assistant
	 */
	public record MessageStart(@JsonProperty("role") String role) {
	}

	/**
	 * {@code contentBlockStart}: a tool use begins.
	 *
	 * @param contentBlockIndex the block
	 * @param start the tool use's id and name
	 */
	public record ContentBlockStart(@JsonProperty("contentBlockIndex") int contentBlockIndex,
			@JsonProperty("start") Start start) {
	}

	/**
	 * @param toolUse the tool use's id and name
	 */
	public record Start(@JsonProperty("toolUse") ToolUseStart toolUse) {
	}

	/**
	 * @param toolUseId the call's id
	 * @param name the tool
	 */
	public record ToolUseStart(@JsonProperty("toolUseId") String toolUseId, @JsonProperty("name") String name) {
	}

	/**
	 * {@code contentBlockDelta}: the next piece of text, or of a tool use's input.
	 *
	 * @param contentBlockIndex the block
	 * @param delta the piece
	 */
	public record ContentBlockDelta(@JsonProperty("contentBlockIndex") int contentBlockIndex,
			@JsonProperty("delta") Delta delta) {
	}

	/**
	 * A union in which one member is set.
	 *
	 * @param text a piece of text
	 * @param toolUse a piece of a tool use's input
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Delta(@JsonProperty("text") @Nullable String text,
			@JsonProperty("toolUse") @Nullable ToolUseDelta toolUse) {

		public static Delta text(String text) {
			return new Delta(text, null);
		}

		public static Delta toolUse(String input) {
			return new Delta(null, new ToolUseDelta(input));
		}

	}

	/**
	 * @param input a piece of the input's JSON text
	 */
	public record ToolUseDelta(@JsonProperty("input") String input) {
	}

	/**
	 * {@code contentBlockStop}.
	 *
	 * @param contentBlockIndex the block
	 */
	public record ContentBlockStop(@JsonProperty("contentBlockIndex") int contentBlockIndex) {
	}

	/**
	 * {@code messageStop}.
	 *
	 * @param stopReason why the answer ended
	 */
	public record MessageStop(@JsonProperty("stopReason") String stopReason) {
	}

	/**
	 * {@code metadata}: the stream's last event.
	 *
	 * @param usage the call's tokens
	 * @param metrics the call's latency
	 */
	public record Metadata(@JsonProperty("usage") ConverseResponse.Usage usage,
			@JsonProperty("metrics") ConverseResponse.Metrics metrics) {
	}

}
