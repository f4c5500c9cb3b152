package dev.llmgw.fake.bedrock;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.reply.EmbeddingVectors;
import dev.llmgw.fake.reply.RerankScores;
import dev.llmgw.fake.reply.TinyPng;
import dev.llmgw.fake.reply.Words;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The model families that InvokeModel answers, each in its own native body: Titan and
 * Cohere embeddings, Stability, Titan and Nova Canvas images, Amazon and Cohere rerank.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters.html">Inference
 * request parameters and response fields for foundation models</a>
 */
enum InvokeModels {

	TITAN_EMBED("titan-embed"),

	COHERE_EMBED("cohere.embed"),

	STABILITY("stability."),

	TITAN_IMAGE("titan-image-generator"),

	NOVA_CANVAS("nova-canvas"),

	/**
	 * Amazon Rerank and Cohere Rerank: {@code query}, {@code documents}, {@code top_n}.
	 */
	RERANK(".rerank");

	private final String marker;

	InvokeModels(String marker) {
		this.marker = marker;
	}

	/**
	 * The family of a model id, matched anywhere in it so that ARNs and region-prefixed
	 * inference profiles ({@code us.amazon.nova-canvas-v1:0}) match too.
	 */
	static @Nullable InvokeModels of(String modelId) {
		String id = modelId.toLowerCase(Locale.ROOT);
		for (InvokeModels family : values()) {
			if (id.contains(family.marker)) {
				return family;
			}
		}
		return null;
	}

	/**
	 * The prompt tokens of a request body, or -1 when the body lacks what this family
	 * requires.
	 */
	int promptTokens(JsonNode body) {
		List<String> texts = texts(body);
		return (texts == null) ? -1 : Math.max(1, texts.stream().mapToInt(Words::count).sum());
	}

	byte[] answer(JsonNode body) {
		List<String> texts = texts(body);
		List<String> inputs = (texts != null) ? texts : List.of();
		return Json.write((json) -> {
			json.writeStartObject();
			switch (this) {
				case TITAN_EMBED -> {
					int dimensions = body.path("dimensions").asInt(EmbeddingVectors.DEFAULT_DIMENSIONS);
					json.writeName("embedding");
					writeVector(json, EmbeddingVectors.of(inputs.get(0), Math.max(1, dimensions)));
					json.writeNumberProperty("inputTextTokenCount", promptTokens(body));
				}
				case COHERE_EMBED -> {
					json.writeStringProperty("id", "fake-embed");
					json.writeArrayPropertyStart("embeddings");
					inputs.forEach((text) -> writeVector(json,
							EmbeddingVectors.of(text, EmbeddingVectors.DEFAULT_DIMENSIONS)));
					json.writeEndArray();
					json.writeArrayPropertyStart("texts");
					inputs.forEach(json::writeString);
					json.writeEndArray();
					json.writeStringProperty("response_type", "embeddings_floats");
				}
				case STABILITY -> {
					json.writeArrayPropertyStart("seeds");
					json.writeNumber(body.path("seed").asLong(0));
					json.writeEndArray();
					json.writeArrayPropertyStart("finish_reasons");
					json.writeNull();
					json.writeEndArray();
					writeImages(json, 1);
				}
				case TITAN_IMAGE, NOVA_CANVAS -> {
					writeImages(json, body.path("imageGenerationConfig").path("numberOfImages").asInt(1));
					json.writeNullProperty("error");
				}
				case RERANK -> RerankScores.writeResults(json, body.path("query").asString(""), inputs,
						body.path("top_n").asInt(0));
			}
			json.writeEndObject();
		});
	}

	/**
	 * The texts a request carries, or null when the required ones are missing.
	 */
	private @Nullable List<String> texts(JsonNode body) {
		JsonNode text = switch (this) {
			case TITAN_EMBED -> body.path("inputText");
			case COHERE_EMBED -> body.path("texts");
			case STABILITY -> body.has("prompt") ? body.path("prompt") : body.path("text_prompts").path(0).path("text");
			case TITAN_IMAGE, NOVA_CANVAS -> body.path("textToImageParams").path("text");
			case RERANK -> body.path("query").isString() ? body.path("documents") : null;
		};
		if (text == null) {
			return null;
		}
		if (text.isString()) {
			return List.of(text.stringValue());
		}
		if ((this != COHERE_EMBED && this != RERANK) || !text.isArray() || text.isEmpty()) {
			return null;
		}
		List<String> texts = new ArrayList<>();
		// a rerank document may be a string or an object, whose text is what it says
		text.forEach((item) -> texts.add(item.isString() ? item.asString() : item.toString()));
		return texts;
	}

	private static void writeVector(JsonGenerator json, float[] vector) {
		json.writeStartArray();
		for (float value : vector) {
			json.writeNumber(value);
		}
		json.writeEndArray();
	}

	private static void writeImages(JsonGenerator json, int count) {
		json.writeArrayPropertyStart("images");
		for (int i = 0; i < Math.max(1, Math.min(count, 5)); i++) {
			json.writeString(TinyPng.BASE64);
		}
		json.writeEndArray();
	}

}
