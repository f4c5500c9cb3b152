package dev.llmgw.gateway.providers;

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
 * The two ends of an embeddings call that every translating adapter shares: the request's
 * texts, for providers that embed text only, and the OpenAI embeddings list
 * (https://platform.openai.com/docs/api-reference/embeddings/object) built from the
 * provider's vectors.
 */
public final class OpenAiEmbeddings {

	private OpenAiEmbeddings() {
	}

	/**
	 * @param request the caller's request
	 * @param provider the provider, for the message
	 * @return the texts to embed, in order
	 * @throws BadRequestError for token arrays or an empty input
	 */
	public static List<String> texts(EmbeddingRequest request, String provider) {
		Object input = request.input();
		if (input instanceof String text) {
			return List.of(text);
		}
		List<String> texts = new ArrayList<>();
		if (input instanceof List<?> items) {
			for (Object item : items) {
				if (!(item instanceof String text)) {
					throw new BadRequestError(
							provider + " embeddings take text input: a string or a list of strings, not token arrays",
							null, "input");
				}
				texts.add(text);
			}
		}
		if (texts.isEmpty()) {
			throw new BadRequestError("Missing required parameter: 'input'", null, "input");
		}
		return texts;
	}

	/**
	 * @param mapper writes the JSON
	 * @param vectors one vector per input, in input order
	 * @param model the model that embedded
	 * @param promptTokens the tokens the inputs cost
	 * @return the OpenAI embeddings list
	 */
	public static byte[] list(JsonMapper mapper, List<JsonNode> vectors, String model, long promptTokens) {
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
		return mapper.writeValueAsBytes(body);
	}

}
