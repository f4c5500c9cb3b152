package dev.llmgw.model.anthropic;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a Messages request's {@code tools}: a client tool (name, description,
 * input schema; no type, or {@code custom}) or one of Anthropic's own tools (a dated type
 * such as {@code web_search_20250305}, with its own settings in {@link #extra}).
 *
 * @param type absent or {@code custom} for a client tool, else Anthropic's tool type
 * @param name the tool's name
 * @param description what it does
 * @param inputSchema its input as a JSON schema object
 * @param cacheControl a prompt cache breakpoint
 * @param extra any other field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessagesTool(@JsonProperty("type") @Nullable String type, @JsonProperty("name") @Nullable String name,
		@JsonProperty("description") @Nullable String description,
		@JsonProperty("input_schema") @Nullable Map<String, @Nullable Object> inputSchema,
		@JsonProperty("cache_control") @Nullable Object cacheControl,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	public MessagesTool {
		extra = (extra != null) ? extra : new LinkedHashMap<>();
	}

	public static MessagesTool client(String name, @Nullable String description,
			Map<String, @Nullable Object> inputSchema, @Nullable Object cacheControl) {
		return new MessagesTool(null, name, description, inputSchema, cacheControl, null);
	}

	/**
	 * Whether this is a tool the caller runs, rather than one of Anthropic's own
	 * ({@code function} is not Anthropic's word, but clients written for OpenAI send it).
	 */
	@JsonIgnore
	public boolean isClientTool() {
		return this.type == null || "custom".equals(this.type) || "function".equals(this.type);
	}

}
