package dev.llmgw.model.openai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One message of a chat conversation.
 *
 * @param role system, developer, user, assistant or tool
 * @param content a string, or a list of content parts
 * ({@code {"type":"text","text":...}}, images, ...), kept as parsed so that parts this
 * gateway does not model pass through; written even when null, as OpenAI writes an
 * assistant message that only calls tools
 * @param name optional participant name
 * @param extra tool_calls, tool_call_id and any other field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(@JsonProperty("role") @Nullable String role,
		@JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("content") @Nullable Object content,
		@JsonProperty("name") @Nullable String name,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	public ChatMessage {
		extra = (extra != null) ? extra : new LinkedHashMap<>();
	}

	public static ChatMessage of(String role, String content) {
		return new ChatMessage(role, content, null, new LinkedHashMap<>());
	}

	/**
	 * The text of this message: the content string, or its text parts joined by a space.
	 * @return the text, empty when there is none
	 */
	@JsonIgnore
	public String text() {
		if (this.content instanceof String text) {
			return text;
		}
		if (!(this.content instanceof List<?> parts)) {
			return "";
		}
		StringBuilder text = new StringBuilder();
		for (Object part : parts) {
			if (part instanceof Map<?, ?> map && "text".equals(map.get("type"))
					&& map.get("text") instanceof String s) {
				if (!text.isEmpty()) {
					text.append(' ');
				}
				text.append(s);
			}
		}
		return text.toString();
	}

}
