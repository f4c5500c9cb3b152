package dev.llmgw.gateway.providers.vertex;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.providers.OpenAiEmbeddings;
import dev.llmgw.model.openai.EmbeddingRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI embeddings to the text embedding models' {@code predict} and back, as LiteLLM
 * maps them: one instance per input, {@code dimensions} as {@code outputDimensionality},
 * {@code task_type} on each instance; the usage is the predictions' own token counts.
 */
final class VertexEmbeddingTranslator {

	private final JsonMapper mapper;

	VertexEmbeddingTranslator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	byte[] body(List<String> texts, EmbeddingRequest request) {
		String taskType = (request.extra().get("task_type") instanceof String type) ? type : null;
		List<PredictRequest.Instance> instances = new ArrayList<>(texts.size());
		for (String text : texts) {
			instances.add(new PredictRequest.Instance(text, taskType));
		}
		PredictRequest.Parameters parameters = (request.extra().get("dimensions") instanceof Number dimensions)
				? new PredictRequest.Parameters(dimensions.intValue()) : null;
		return this.mapper.writeValueAsBytes(new PredictRequest(instances, parameters));
	}

	/**
	 * @return the OpenAI embeddings list and the tokens it cost
	 */
	Embedded openAiBody(byte[] response, List<String> texts, String model) {
		PredictResponse parsed;
		try {
			parsed = this.mapper.readValue(response, PredictResponse.class);
		}
		catch (JacksonException ex) {
			throw new UpstreamError(502, "api_error",
					"litellm.BadGatewayError: VertexAIException - predict returned a body that is not JSON", null);
		}
		List<PredictResponse.Prediction> predictions = (parsed.predictions() != null) ? parsed.predictions()
				: List.of();
		if (predictions.size() != texts.size()) {
			throw new UpstreamError(502, "api_error", "litellm.APIError: VertexAIException - asked for " + texts.size()
					+ " embeddings, got " + predictions.size(), null);
		}
		List<JsonNode> vectors = new ArrayList<>(predictions.size());
		long tokens = 0;
		for (int i = 0; i < predictions.size(); i++) {
			PredictResponse.Embeddings embeddings = predictions.get(i).embeddings();
			if (embeddings == null || embeddings.values() == null) {
				throw new UpstreamError(502, "api_error",
						"litellm.APIError: VertexAIException - prediction " + i + " has no embeddings", null);
			}
			vectors.add(embeddings.values());
			Long count = (embeddings.statistics() != null) ? embeddings.statistics().tokenCount() : null;
			// the gateway's estimate where Vertex AI gives no count
			tokens += (count != null) ? count : (texts.get(i).length() + 3) / 4;
		}
		return new Embedded(OpenAiEmbeddings.list(this.mapper, vectors, model, tokens), tokens);
	}

	/**
	 * @param body the OpenAI embeddings list
	 * @param tokens the inputs' tokens
	 */
	record Embedded(byte[] body, long tokens) {

	}

}
