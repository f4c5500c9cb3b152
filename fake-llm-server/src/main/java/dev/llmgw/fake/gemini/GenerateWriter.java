package dev.llmgw.fake.gemini;

import dev.llmgw.fake.http.JsonContent;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a {@code GenerateContentResponse}: the whole answer, or one chunk of a stream,
 * where only the last carries the finish reason and the usage.
 *
 * @see <a href="https://ai.google.dev/api/generate-content#generatecontentresponse">
 * GenerateContentResponse</a>
 */
final class GenerateWriter {

	private GenerateWriter() {
	}

	/**
	 * @param text the text of this response or chunk; unused for a function call
	 * @param last whether this ends the answer
	 * @param usage whether to report usage, which only the end of an answer does
	 */
	static JsonContent response(GenerateReply reply, @Nullable String text, boolean last, boolean usage) {
		return (json) -> {
			json.writeStartObject();
			if (reply.blocked()) {
				writePromptFeedback(json);
			}
			else {
				json.writeArrayPropertyStart("candidates");
				writeCandidate(json, reply, text, last);
				json.writeEndArray();
			}
			if (usage) {
				json.writeObjectPropertyStart("usageMetadata");
				json.writeNumberProperty("promptTokenCount", reply.promptTokens());
				int candidates = reply.blocked() ? 0 : reply.candidatesTokens();
				if (!reply.blocked()) {
					json.writeNumberProperty("candidatesTokenCount", candidates);
				}
				json.writeNumberProperty("totalTokenCount", reply.promptTokens() + candidates);
				json.writeEndObject();
			}
			json.writeStringProperty("modelVersion", reply.model());
			json.writeStringProperty("responseId", reply.responseId());
			json.writeEndObject();
		};
	}

	private static void writeCandidate(JsonGenerator json, GenerateReply reply, @Nullable String text, boolean last) {
		json.writeStartObject();
		json.writeObjectPropertyStart("content");
		json.writeArrayPropertyStart("parts");
		json.writeStartObject();
		if (reply.functionCall() != null) {
			json.writeObjectPropertyStart("functionCall");
			json.writeStringProperty("name", reply.functionCall());
			json.writeObjectPropertyStart("args");
			json.writeEndObject();
			json.writeEndObject();
		}
		else {
			json.writeStringProperty("text", (text != null) ? text : "");
		}
		json.writeEndObject();
		json.writeEndArray();
		json.writeStringProperty("role", "model");
		json.writeEndObject();
		if (last) {
			json.writeStringProperty("finishReason", reply.finishReason());
		}
		json.writeNumberProperty("index", 0);
		json.writeEndObject();
	}

	// how Gemini refuses a prompt: no candidates, and the reason in promptFeedback
	private static void writePromptFeedback(JsonGenerator json) {
		json.writeObjectPropertyStart("promptFeedback");
		json.writeStringProperty("blockReason", "SAFETY");
		json.writeArrayPropertyStart("safetyRatings");
		writeRating(json, "HARM_CATEGORY_HARASSMENT", "HIGH");
		writeRating(json, "HARM_CATEGORY_HATE_SPEECH", "NEGLIGIBLE");
		writeRating(json, "HARM_CATEGORY_SEXUALLY_EXPLICIT", "NEGLIGIBLE");
		writeRating(json, "HARM_CATEGORY_DANGEROUS_CONTENT", "NEGLIGIBLE");
		json.writeEndArray();
		json.writeEndObject();
	}

	private static void writeRating(JsonGenerator json, String category, String probability) {
		json.writeStartObject();
		json.writeStringProperty("category", category);
		json.writeStringProperty("probability", probability);
		json.writeEndObject();
	}

}
