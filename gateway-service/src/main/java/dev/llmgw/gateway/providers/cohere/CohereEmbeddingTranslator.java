package dev.llmgw.gateway.providers.cohere;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.model.openai.EmbeddingRequest;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
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

	static List<String> inputs(EmbeddingRequest request) {
		Object input = request.input();
		if (input instanceof String text) {
			return List.of(text);
		}
		List<String> texts = new ArrayList<>();
		if (input instanceof List<?> items) {
			for (Object item : items) {
				if (!(item instanceof String text)) {
					throw new BadRequestError(
							"cohere embeddings take text input: a string or a list of strings, not token arrays", null,
							"input");
				}
				texts.add(text);
			}
		}
		if (texts.isEmpty()) {
			throw new BadRequestError("Missing required parameter: 'input'", null, "input");
		}
		return texts;
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
		List<Map<String, Object>> data = new ArrayList<>(expected);
		for (int i = 0; i < expected; i++) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("object", "embedding");
			item.put("index", i);
			item.put("embedding", vectors.get(i));
			data.add(item);
		}
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("object", "list");
		body.put("data", data);
		body.put("model", model);
		body.put("usage", Map.of("prompt_tokens", tokens, "total_tokens", tokens));
		return new Result(this.mapper.writeValueAsBytes(body), Usage.of(tokens, 0));
	}

	/**
	 * @param body the OpenAI embeddings list
	 * @param usage its usage
	 */
	record Result(byte[] body, Usage usage) {

	}

}
