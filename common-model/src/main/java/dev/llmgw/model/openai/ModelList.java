package dev.llmgw.model.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code GET /v1/models}.
 *
 * @param data the models
 * @param object always {@code list}
 */
public record ModelList(@JsonProperty("data") List<ModelCard> data, @JsonProperty("object") String object) {

	public static ModelList of(List<ModelCard> data) {
		return new ModelList(data, "list");
	}

}
