package dev.llmgw.model.anthropic;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One content block of a Messages request or response
 * (https://docs.anthropic.com/en/api/messages): one record for every kind, told apart by
 * {@link #type}, each kind using its own fields. The kinds keep growing (server tool
 * results, citations, containers), so a block of a kind this record does not name reads
 * and writes back whole through {@link #extra}, rather than failing a call.
 *
 * @param type text, image, document, thinking, redacted_thinking, tool_use, tool_result,
 * ...
 * @param text a text block's text
 * @param thinking a thinking block's reasoning
 * @param signature a thinking block's signature
 * @param id a tool_use block's id
 * @param name a tool_use block's tool name
 * @param input a tool_use block's input object
 * @param toolUseId a tool_result block's tool_use id
 * @param content a tool_result block's content: a string or blocks
 * @param source an image or document block's source
 * @param cacheControl a prompt cache breakpoint
 * @param extra any other field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContentBlock(@JsonProperty("type") @Nullable String type, @JsonProperty("text") @Nullable String text,
		@JsonProperty("thinking") @Nullable String thinking, @JsonProperty("signature") @Nullable String signature,
		@JsonProperty("id") @Nullable String id, @JsonProperty("name") @Nullable String name,
		@JsonProperty("input") @Nullable Object input, @JsonProperty("tool_use_id") @Nullable String toolUseId,
		@JsonProperty("content") @Nullable Object content,
		@JsonProperty("source") @Nullable Map<String, @Nullable Object> source,
		@JsonProperty("cache_control") @Nullable Object cacheControl,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	public static final String TEXT = "text";

	public static final String THINKING = "thinking";

	public static final String TOOL_USE = "tool_use";

	public static final String TOOL_RESULT = "tool_result";

	public static final String IMAGE = "image";

	public ContentBlock {
		extra = (extra != null) ? extra : new LinkedHashMap<>();
	}

	public static ContentBlock text(String text, @Nullable Object cacheControl) {
		return new ContentBlock(TEXT, text, null, null, null, null, null, null, null, null, cacheControl, null);
	}

	public static ContentBlock thinking(String thinking, String signature) {
		return new ContentBlock(THINKING, null, thinking, signature, null, null, null, null, null, null, null, null);
	}

	/**
	 * A tool call; an input that is not an object (a model's {@code "null"} arguments) is
	 * sent as no input, {@code {}}, since Anthropic requires an object.
	 */
	public static ContentBlock toolUse(String id, String name, @Nullable Object input) {
		return new ContentBlock(TOOL_USE, null, null, null, id, name,
				(input instanceof Map<?, ?>) ? input : new LinkedHashMap<>(), null, null, null, null, null);
	}

	public static ContentBlock toolResult(String toolUseId, Object content) {
		return new ContentBlock(TOOL_RESULT, null, null, null, null, null, null, toolUseId, content, null, null, null);
	}

	public static ContentBlock image(Map<String, @Nullable Object> source) {
		return new ContentBlock(IMAGE, null, null, null, null, null, null, null, null, source, null, null);
	}

	public boolean is(String kind) {
		return kind.equals(this.type);
	}

}
