package dev.llmgw.gateway.providers.bedrock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.model.openai.EmbeddingRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI embeddings to Bedrock InvokeModel bodies and back, for the two embedding
 * families Bedrock serves: Amazon Titan, one text per call
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html),
 * and Cohere Embed, a batch per call
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed.html).
 */
final class BedrockEmbeddingTranslator {

	private final JsonMapper mapper;

	BedrockEmbeddingTranslator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	static boolean isCohere(String modelId) {
		return modelId.startsWith("cohere.") || modelId.contains(".cohere.");
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
							"bedrock embeddings take text input: a string or a list of strings, not token arrays", null,
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

	/** One Titan call's body. */
	byte[] titanBody(String text, EmbeddingRequest request) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("inputText", text);
		if (request.extra().get("dimensions") instanceof Number dimensions) {
			body.put("dimensions", dimensions.intValue());
		}
		return this.mapper.writeValueAsBytes(body);
	}

	/** The Cohere call's body, for all texts at once. */
	byte[] cohereBody(List<String> texts, EmbeddingRequest request) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("texts", texts);
		Object inputType = request.extra().get("input_type");
		body.put("input_type", (inputType != null) ? inputType.toString() : "search_document");
		return this.mapper.writeValueAsBytes(body);
	}

	/** Titan answers one vector and its token count. */
	Vectors titanVectors(byte[] response) {
		JsonNode root = this.mapper.readTree(response);
		return new Vectors(List.of(root.path("embedding")), root.path("inputTextTokenCount").asLong(0));
	}

	/** Cohere answers all vectors; its token count comes in a response header. */
	Vectors cohereVectors(byte[] response, long inputTokens) {
		JsonNode embeddings = this.mapper.readTree(response).path("embeddings");
		JsonNode vectors = embeddings.isObject() ? embeddings.path("float") : embeddings;
		List<JsonNode> list = new ArrayList<>();
		vectors.forEach(list::add);
		return new Vectors(list, inputTokens);
	}

	/** The OpenAI embeddings list. */
	byte[] openAiBody(List<JsonNode> vectors, String model, long promptTokens) {
		List<Map<String, Object>> data = new ArrayList<>(vectors.size());
		for (int i = 0; i < vectors.size(); i++) {
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
		body.put("usage", Map.of("prompt_tokens", promptTokens, "total_tokens", promptTokens));
		return this.mapper.writeValueAsBytes(body);
	}

	/**
	 * @param vectors embedding vectors in input order
	 * @param tokens input tokens they cost
	 */
	record Vectors(List<JsonNode> vectors, long tokens) {

	}

}
