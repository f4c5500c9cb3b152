package dev.llmgw.model.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A tool call of an assistant message, or a piece of one in a stream chunk, where
 * {@code index} says which call the piece belongs to and only the first piece carries the
 * id and name (https://platform.openai.com/docs/api-reference/chat/streaming).
 *
 * @param index position among the message's calls (chunks only)
 * @param id call id, echoed by the tool message that answers it
 * @param type always {@code function}
 * @param function name and JSON-encoded arguments
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolCall(@JsonProperty("index") @Nullable Integer index, @JsonProperty("id") @Nullable String id,
		@JsonProperty("type") @Nullable String type, @JsonProperty("function") FunctionCall function) {

	public static ToolCall of(String id, String name, String arguments) {
		return new ToolCall(null, id, "function", new FunctionCall(name, arguments));
	}

	/**
	 * @param name the function's name, null on continuation pieces
	 * @param arguments the arguments as a JSON string, or a piece of it
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record FunctionCall(@JsonProperty("name") @Nullable String name,
			@JsonProperty("arguments") @Nullable String arguments) {

	}

}
