package dev.llmgw.model.openai;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Token usage of a completion or embedding.
 *
 * @param promptTokens tokens in the input
 * @param completionTokens tokens generated
 * @param totalTokens both
 * @param extra token details (cached, reasoning, ...), passed through
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Usage(@JsonProperty("prompt_tokens") long promptTokens,
		@JsonProperty("completion_tokens") long completionTokens, @JsonProperty("total_tokens") long totalTokens,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	public static final Usage NONE = new Usage(0, 0, 0, Map.of());

	public Usage {
		extra = (extra != null) ? extra : new LinkedHashMap<>();
	}

	public static Usage of(long promptTokens, long completionTokens) {
		return new Usage(promptTokens, completionTokens, promptTokens + completionTokens, new LinkedHashMap<>());
	}

}
