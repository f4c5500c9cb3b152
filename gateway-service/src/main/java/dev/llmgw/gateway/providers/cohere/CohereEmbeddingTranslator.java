package dev.llmgw.gateway.providers.cohere;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.providers.OpenAiEmbeddings;
import dev.llmgw.model.openai.EmbeddingRequest;
import dev.llmgw.model.openai.Usage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI embeddings to Cohere's v2 embed and back
 * (https://docs.cohere.com/reference/embed): all texts in one call, float vectors only,
 * and {@code input_type}, which v3 and later models require, from the caller's own field
 * or {@code search_document} as LiteLLM defaults it.
 */
final class CohereEmbeddingTranslator {

	private final JsonMapper mapper;

	CohereEmbeddingTranslator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	byte[] body(List<String> texts, String model, EmbeddingRequest request) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("model", model);
		body.put("texts", texts);
		Object inputType = request.extra().get("input_type");
		body.put("input_type", (inputType != null) ? inputType.toString() : "search_document");
		body.put("embedding_types", List.of("float"));
		if (request.extra().get("dimensions") instanceof Number dimensions) {
			body.put("output_dimension", dimensions.intValue());
		}
		return this.mapper.writeValueAsBytes(body);
	}

	/** The OpenAI list and its usage, from {@code meta.billed_units.input_tokens}. */
	Result openAi(byte[] response, String model, int expected) {
		JsonNode root = this.mapper.readTree(response);
		JsonNode embeddings = root.path("embeddings");
		JsonNode vectors = embeddings.isObject() ? embeddings.path("float") : embeddings;
		if (vectors.size() != expected) {
			throw new UpstreamError(502, "api_error",
					"litellm.APIError: CohereException - asked for " + expected + " embeddings, got " + vectors.size(),
					null);
		}
		long tokens = root.path("meta").path("billed_units").path("input_tokens").asLong(0);
		List<JsonNode> list = new ArrayList<>(expected);
		vectors.forEach(list::add);
		return new Result(OpenAiEmbeddings.list(this.mapper, list, model, tokens), Usage.of(tokens, 0));
	}

	/**
	 * @param body the OpenAI embeddings list
	 * @param usage its usage
	 */
	record Result(byte[] body, Usage usage) {

	}

}
