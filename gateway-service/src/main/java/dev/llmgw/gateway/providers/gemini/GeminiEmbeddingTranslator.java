package dev.llmgw.gateway.providers.gemini;

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
 * OpenAI embeddings to Gemini's {@code batchEmbedContents} and back
 * (https://ai.google.dev/api/embeddings#method:-models.batchembedcontents): one request
 * per input, {@code dimensions} as {@code outputDimensionality}. Gemini reports no token
 * count, so usage is estimated at four characters a token, rounded up per input, as spend
 * tracking needs a number.
 */
final class GeminiEmbeddingTranslator {

	private final JsonMapper mapper;

	GeminiEmbeddingTranslator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	byte[] body(List<String> texts, String model, EmbeddingRequest request) {
		List<Map<String, Object>> requests = new ArrayList<>(texts.size());
		for (String text : texts) {
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("model", "models/" + model);
			one.put("content", Map.of("parts", List.of(Map.of("text", text))));
			if (request.extra().get("dimensions") instanceof Number dimensions) {
				one.put("outputDimensionality", dimensions.intValue());
			}
			if (request.extra().get("task_type") instanceof String taskType) {
				one.put("taskType", taskType);
			}
			requests.add(one);
		}
		return this.mapper.writeValueAsBytes(Map.of("requests", requests));
	}

	static Usage estimatedUsage(List<String> texts) {
		long tokens = 0;
		for (String text : texts) {
			tokens += (text.length() + 3) / 4;
		}
		return Usage.of(tokens, 0);
	}

	byte[] openAiBody(byte[] response, String model, int expected, Usage usage) {
		JsonNode embeddings = this.mapper.readTree(response).path("embeddings");
		if (embeddings.size() != expected) {
			throw new UpstreamError(502, "api_error", "litellm.APIError: GeminiException - asked for " + expected
					+ " embeddings, got " + embeddings.size(), null);
		}
		List<JsonNode> vectors = new ArrayList<>(expected);
		embeddings.forEach((embedding) -> vectors.add(embedding.path("values")));
		return OpenAiEmbeddings.list(this.mapper, vectors, model, usage.promptTokens());
	}

}
