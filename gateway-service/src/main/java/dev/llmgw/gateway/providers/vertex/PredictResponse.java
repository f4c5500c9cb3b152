package dev.llmgw.gateway.providers.vertex;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The text embedding models' {@code predict} answer, one prediction per instance, each
 * with its vector and its token count
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api#response_body).
 *
 * @param predictions in instance order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record PredictResponse(@JsonProperty("predictions") @Nullable List<Prediction> predictions) {

	/**
	 * @param embeddings the vector and its statistics
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Prediction(@JsonProperty("embeddings") @Nullable Embeddings embeddings) {

	}

	/**
	 * @param values the vector, passed on as it came
	 * @param statistics the instance's token count
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Embeddings(@JsonProperty("values") @Nullable JsonNode values,
			@JsonProperty("statistics") @Nullable Statistics statistics) {

	}

	/**
	 * @param tokenCount the tokens the instance cost
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Statistics(@JsonProperty("token_count") @Nullable Long tokenCount) {

	}

}
