package dev.llmgw.fake.openai;

import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.reply.TinyPng;

/**
 * An image generation answer: {@code n} copies of the tiny PNG, as {@code b64_json} or as
 * a {@code data:} URL that any client can load without a second request to the fake.
 *
 * @param created creation time, epoch seconds
 * @param images how many images
 * @param base64 whether to answer {@code b64_json} rather than {@code url}
 * @param promptTokens words of the prompt, for the usage that GPT image models report
 * @param withUsage whether to report usage, which only the GPT image models do
 * @see <a href="https://platform.openai.com/docs/api-reference/images/object">The image
 * generation response</a>
 */
record ImagesReply(long created, int images, boolean base64, int promptTokens, boolean withUsage) {

	private static final String DATA_URL = "data:image/png;base64," + TinyPng.BASE64;

	byte[] write() {
		return Json.write((json) -> {
			json.writeStartObject();
			json.writeNumberProperty("created", this.created);
			json.writeArrayPropertyStart("data");
			for (int i = 0; i < this.images; i++) {
				json.writeStartObject();
				if (this.base64) {
					json.writeStringProperty("b64_json", TinyPng.BASE64);
				}
				else {
					json.writeStringProperty("url", DATA_URL);
				}
				json.writeEndObject();
			}
			json.writeEndArray();
			if (this.withUsage) {
				// one output token per image keeps image spend predictable in tests
				json.writeObjectPropertyStart("usage");
				json.writeNumberProperty("input_tokens", this.promptTokens);
				json.writeObjectPropertyStart("input_tokens_details");
				json.writeNumberProperty("text_tokens", this.promptTokens);
				json.writeNumberProperty("image_tokens", 0);
				json.writeEndObject();
				json.writeNumberProperty("output_tokens", this.images);
				json.writeNumberProperty("total_tokens", this.promptTokens + this.images);
				json.writeEndObject();
			}
			json.writeEndObject();
		});
	}

}
