package dev.llmgw.gateway.providers.bedrock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.providers.OpenAiEmbeddings;
import dev.llmgw.model.openai.EmbeddingRequest;
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
		return OpenAiEmbeddings.list(this.mapper, vectors, model, promptTokens);
	}

	/**
	 * @param vectors embedding vectors in input order
	 * @param tokens input tokens they cost
	 */
	record Vectors(List<JsonNode> vectors, long tokens) {

	}

}
