package dev.llmgw.gateway.providers.vertex;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The text embedding models' {@code predict} request
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api#request_body).
 *
 * @param instances one per text
 * @param parameters {@code outputDimensionality}, when asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PredictRequest(@JsonProperty("instances") List<Instance> instances,
		@JsonProperty("parameters") @Nullable Parameters parameters) {

	/**
	 * @param content the text
	 * @param taskType e.g. {@code RETRIEVAL_QUERY}, when given as {@code task_type}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Instance(@JsonProperty("content") String content, @JsonProperty("task_type") @Nullable String taskType) {

	}

	/**
	 * @param outputDimensionality OpenAI's {@code dimensions}
	 */
	record Parameters(@JsonProperty("outputDimensionality") int outputDimensionality) {

	}

}
