package dev.llmgw.model.openai;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The {@code function} of a function tool.
 *
 * @param name the name the model calls it by (required, as OpenAI requires it)
 * @param description what it does
 * @param parameters its arguments as a JSON schema object
 * @param strict OpenAI's strict schema adherence
 * @param extra any other field, passed through
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FunctionDefinition(@JsonProperty("name") String name,
		@JsonProperty("description") @Nullable String description,
		@JsonProperty("parameters") @Nullable Map<String, @Nullable Object> parameters,
		@JsonProperty("strict") @Nullable Boolean strict,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	public FunctionDefinition {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("name is required");
		}
		extra = (extra != null) ? extra : new LinkedHashMap<>();
	}

	public FunctionDefinition(String name, @Nullable String description,
			@Nullable Map<String, @Nullable Object> parameters) {
		this(name, description, parameters, null, new LinkedHashMap<>());
	}

}
