package dev.llmgw.model.openai;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * A chat request's {@code tool_choice}: a mode ({@code none}, {@code auto},
 * {@code required}, or another a provider names, such as Mistral's {@code any}; also
 * written as an object, {@code {"type": "auto"}}, as LiteLLM accepts it) or an object,
 * {@code {"type": "function", "function": {"name": ...}}} forcing one function, or
 * another type ({@code allowed_tools}, {@code custom}) that OpenAI-compatible providers
 * receive as written. Read once when the body is read; {@link #json} is what was sent,
 * written back unchanged. Translators refuse what their provider cannot express.
 *
 * @param mode the mode when a string (or an object holding only a mode) was given
 * @param type the object's {@code type} when an object was given
 * @param functionName the forced function's name ({@code type: function})
 * @param json the value as received
 */
public record ToolChoice(@Nullable String mode, @Nullable String type, @Nullable String functionName,
		@JsonValue Object json) {

	public static final String NONE = "none";

	public static final String AUTO = "auto";

	public static final String REQUIRED = "required";

	/** Reads a received value; what is not a valid choice is the caller's error. */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static ToolChoice of(Object value) {
		if (value instanceof String mode) {
			if (mode.isBlank()) {
				throw new IllegalArgumentException(
						"must be none, auto, required or {\"type\": \"function\", \"function\": {\"name\": ...}}");
			}
			return new ToolChoice(mode, null, null, mode);
		}
		if (value instanceof Map<?, ?> object) {
			if (!(object.get("type") instanceof String type)) {
				throw new IllegalArgumentException(
						"an object needs a type, e.g. {\"type\": \"function\", " + "\"function\": {\"name\": ...}}");
			}
			String name = null;
			if ("function".equals(type)) {
				if (!(object.get("function") instanceof Map<?, ?> function)
						|| !(function.get("name") instanceof String given) || given.isBlank()) {
					throw new IllegalArgumentException("a choice of type function needs function.name");
				}
				name = given;
			}
			else if (NONE.equals(type) || AUTO.equals(type) || REQUIRED.equals(type)) {
				return new ToolChoice(type, type, null, value);
			}
			return new ToolChoice(null, type, name, value);
		}
		throw new IllegalArgumentException("must be a string (none, auto, required) or an object naming a function");
	}

	public static ToolChoice mode(String mode) {
		return of(mode);
	}

	public static ToolChoice function(String name) {
		Map<String, Object> function = new LinkedHashMap<>();
		function.put("name", name);
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("type", "function");
		json.put("function", function);
		return new ToolChoice(null, "function", name, json);
	}

	/** Whether one named function is forced. */
	@JsonIgnore
	public boolean isFunction() {
		return this.functionName != null;
	}

	/**
	 * Whether the model must call some tool: {@code required}, or {@code any}, the word
	 * of Anthropic, Bedrock and Mistral for it.
	 */
	@JsonIgnore
	public boolean requiresATool() {
		return REQUIRED.equals(this.mode) || "any".equals(this.mode);
	}

	@JsonIgnore
	public boolean is(String givenMode) {
		return givenMode.equals(this.mode);
	}

}
