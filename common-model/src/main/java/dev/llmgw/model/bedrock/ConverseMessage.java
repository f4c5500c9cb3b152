package dev.llmgw.model.bedrock;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.jspecify.annotations.Nullable;

/**
 * One message of a Converse conversation, or the answer's message.
 *
 * @param role user or assistant
 * @param content its blocks
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConverseMessage(@JsonProperty("role") @Nullable String role,
		@JsonProperty("content") @JsonSetter(contentNulls = Nulls.FAIL) @Nullable List<Block> content) {

	public List<Block> blocks() {
		return (this.content != null) ? this.content : List.of();
	}

	/**
	 * A content block, a union in which one member is set
	 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ContentBlock.html).
	 * Members the middleware does not translate (documents, video, reasoning, cache
	 * points, guard content) are read as any value and left out of the chat request.
	 *
	 * @param text text
	 * @param image an image
	 * @param toolUse a tool call of the assistant
	 * @param toolResult a tool's result, in a user message
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Block(@JsonProperty("text") @Nullable String text, @JsonProperty("image") @Nullable Image image,
			@JsonProperty("toolUse") @Nullable ToolUse toolUse,
			@JsonProperty("toolResult") @Nullable ToolResult toolResult) {

		public static Block text(String text) {
			return new Block(text, null, null, null);
		}

		public static Block toolUse(ToolUse toolUse) {
			return new Block(null, null, toolUse, null);
		}

	}

	/**
	 * @param format png, jpeg, gif or webp
	 * @param source the bytes, base64 in JSON
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Image(@JsonProperty("format") @Nullable String format,
			@JsonProperty("source") @Nullable ImageSource source) {
	}

	/**
	 * @param bytes the image, base64
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ImageSource(@JsonProperty("bytes") @Nullable String bytes) {
	}

	/**
	 * @param toolUseId the call's id
	 * @param name the tool
	 * @param input its input, a JSON value
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ToolUse(@JsonProperty("toolUseId") @Nullable String toolUseId,
			@JsonProperty("name") @Nullable String name, @JsonProperty("input") @Nullable Object input) {
	}

	/**
	 * @param toolUseId the call it answers
	 * @param content text and JSON blocks
	 * @param status success or error
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ToolResult(@JsonProperty("toolUseId") @Nullable String toolUseId,
			@JsonProperty("content") @JsonSetter(contentNulls = Nulls.FAIL) @Nullable List<ToolResultContent> content,
			@JsonProperty("status") @Nullable String status) {
	}

	/**
	 * @param text text
	 * @param json a JSON value
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ToolResultContent(@JsonProperty("text") @Nullable String text,
			@JsonProperty("json") @Nullable Object json) {
	}

}
