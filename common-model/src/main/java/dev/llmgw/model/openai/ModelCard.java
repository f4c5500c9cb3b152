package dev.llmgw.model.openai;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code GET /v1/models}.
 *
 * @param id the model name a client sends
 * @param object always {@code model}
 * @param created creation time, epoch seconds
 * @param ownedBy the owner
 */
public record ModelCard(@JsonProperty("id") String id, @JsonProperty("object") String object,
		@JsonProperty("created") long created, @JsonProperty("owned_by") String ownedBy) {

	public static ModelCard of(String id, long created, String ownedBy) {
		return new ModelCard(id, "model", created, ownedBy);
	}

}
