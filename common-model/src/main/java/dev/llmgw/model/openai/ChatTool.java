package dev.llmgw.model.openai;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a chat request's {@code tools}: a function ({@code {"type": "function",
 * "function": {...}}}) or a provider's own tool type (an Anthropic web search, OpenAI's
 * custom tools), whose fields stay in {@link #extra} and pass through as written. Read
 * once, when the body is read, so every translator sees the same tools and a malformed
 * one is the caller's 400 whichever provider serves it.
 *
 * @param type {@code function}, or another type; absent is taken as {@code function} when
 * a function is given
 * @param function the function, required for {@code function} tools
 * @param extra every other field ({@code cache_control}, a hosted tool's settings)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatTool(@JsonProperty("type") @Nullable String type,
		@JsonProperty("function") @Nullable FunctionDefinition function,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	public ChatTool {
		extra = (extra != null) ? extra : new LinkedHashMap<>();
		if (function == null && (type == null || "function".equals(type))) {
			throw new IllegalArgumentException(
					"a tool of type function needs a function object with a name (tools[].function.name)");
		}
	}

	public static ChatTool function(FunctionDefinition function) {
		return new ChatTool("function", function, new LinkedHashMap<>());
	}

	/** Whether this is a function tool, the only kind every provider can take. */
	@JsonIgnore
	public boolean isFunction() {
		return this.function != null && (this.type == null || "function".equals(this.type));
	}

	/** The function's name, or the tool's own {@code name} field for other types. */
	@JsonIgnore
	public @Nullable String name() {
		if (this.function != null) {
			return this.function.name();
		}
		return (this.extra.get("name") instanceof String name) ? name : null;
	}

}
