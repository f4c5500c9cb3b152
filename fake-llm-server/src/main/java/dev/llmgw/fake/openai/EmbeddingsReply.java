package dev.llmgw.fake.openai;

import java.util.List;

import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.reply.EmbeddingVectors;

/**
 * An embeddings answer, one deterministic vector per input.
 *
 * @param model the model's base name
 * @param inputs what to embed
 * @param dimensions the vector length
 * @param base64 whether to send vectors as base64 float32 instead of number arrays
 * @param promptTokens tokens across all inputs
 * @see <a href="https://platform.openai.com/docs/api-reference/embeddings/object">The
 * embedding object</a>
 */
record EmbeddingsReply(String model, List<EmbeddingInput> inputs, int dimensions, boolean base64, int promptTokens) {

	byte[] write() {
		return Json.write((json) -> {
			json.writeStartObject();
			json.writeStringProperty("object", "list");
			json.writeArrayPropertyStart("data");
			for (int index = 0; index < this.inputs.size(); index++) {
				float[] vector = EmbeddingVectors.of(this.inputs.get(index).text(), this.dimensions);
				json.writeStartObject();
				json.writeStringProperty("object", "embedding");
				json.writeNumberProperty("index", index);
				json.writeName("embedding");
				if (this.base64) {
					json.writeString(EmbeddingVectors.base64(vector));
				}
				else {
					json.writeStartArray();
					for (float value : vector) {
						json.writeNumber(value);
					}
					json.writeEndArray();
				}
				json.writeEndObject();
			}
			json.writeEndArray();
			json.writeStringProperty("model", this.model);
			json.writeObjectPropertyStart("usage");
			json.writeNumberProperty("prompt_tokens", this.promptTokens);
			json.writeNumberProperty("total_tokens", this.promptTokens);
			json.writeEndObject();
			json.writeEndObject();
		});
	}

}
