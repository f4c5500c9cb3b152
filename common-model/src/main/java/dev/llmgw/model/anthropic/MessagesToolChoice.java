package dev.llmgw.model.anthropic;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A Messages request's {@code tool_choice}.
 *
 * @param type auto, any, tool or none
 * @param name the tool a {@code tool} choice forces
 * @param disableParallelToolUse at most one tool call per answer
 * @param extra any other field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessagesToolChoice(@JsonProperty("type") @Nullable String type,
		@JsonProperty("name") @Nullable String name,
		@JsonProperty("disable_parallel_tool_use") @Nullable Boolean disableParallelToolUse,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	public MessagesToolChoice {
		extra = (extra != null) ? extra : new LinkedHashMap<>();
	}

	public static MessagesToolChoice of(String type, @Nullable String name) {
		return new MessagesToolChoice(type, name, null, null);
	}

	public MessagesToolChoice withoutParallelToolUse() {
		return new MessagesToolChoice(this.type, this.name, true, this.extra);
	}

}
