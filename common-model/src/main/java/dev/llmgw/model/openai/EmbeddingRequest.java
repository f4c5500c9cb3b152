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
 * The body of {@code POST /v1/embeddings}
 * (https://platform.openai.com/docs/api-reference/embeddings).
 *
 * @param model the model group
 * @param input a string, a list of strings, or token arrays, kept as parsed
 * @param user the end user
 * @param extra dimensions, encoding_format and any other field, passed through
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddingRequest(@JsonProperty("model") @Nullable String model,
		@JsonProperty("input") @Nullable Object input, @JsonProperty("user") @Nullable String user,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	public EmbeddingRequest {
		extra = (extra != null) ? extra : new LinkedHashMap<>();
	}

	public EmbeddingRequest withModel(String newModel) {
		return new EmbeddingRequest(newModel, this.input, this.user, this.extra);
	}

	/** The characters of text to embed (token arrays count one character per token). */
	@JsonIgnore
	public long inputChars() {
		if (this.input instanceof String text) {
			return text.length();
		}
		long characters = 0;
		if (this.input instanceof List<?> items) {
			for (Object item : items) {
				if (item instanceof String text) {
					characters += text.length();
				}
				else if (item instanceof List<?> tokens) {
					characters += tokens.size() * 4L;
				}
				else if (item instanceof Number) {
					characters += 4;
				}
			}
		}
		return characters;
	}

}
