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
 * {@code stream_options} of a chat completion request.
 *
 * @param includeUsage ask for a final chunk with empty {@code choices} and the token
 * usage
 * @param extra other options, passed through
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamOptions(@JsonProperty("include_usage") @Nullable Boolean includeUsage,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	public StreamOptions {
		extra = (extra != null) ? extra : new LinkedHashMap<>();
	}

	public static StreamOptions withUsage() {
		return new StreamOptions(true, new LinkedHashMap<>());
	}

	@JsonIgnore
	public boolean isIncludeUsage() {
		return Boolean.TRUE.equals(this.includeUsage);
	}

}
