package dev.llmgw.fake.sagemaker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.reply.Words;
import tools.jackson.core.JsonGenerator;

/**
 * Writes TGI's answers as a Hugging Face container on SageMaker sends them: a JSON array
 * of one {@code {"generated_text"}}, or a stream of server-sent events, one per token,
 * the last carrying {@code generated_text}. TGI writes {@code data:} with no space after
 * the colon.
 *
 * @see <a href=
 * "https://huggingface.co/docs/text-generation-inference/conceptual/streaming">TGI
 * streaming</a>
 */
final class TgiWriter {

	private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] FRAME_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

	private TgiWriter() {
	}

	static byte[] response(TgiReply reply) {
		return Json.write((json) -> {
			json.writeStartArray();
			json.writeStartObject();
			json.writeStringProperty("generated_text", reply.generatedText());
			if (reply.request().details()) {
				json.writeObjectPropertyStart("details");
				writeDetails(json, reply);
				json.writeArrayPropertyStart("prefill");
				json.writeEndArray();
				json.writeArrayPropertyStart("tokens");
				List<String> tokens = Words.split(reply.completion().text(), 0);
				for (int i = 0; i < tokens.size(); i++) {
					writeToken(json, i, tokens.get(i));
				}
				json.writeEndArray();
				json.writeEndObject();
			}
			json.writeEndObject();
			json.writeEndArray();
		});
	}

	/**
	 * One token of a stream; the last one carries the whole {@code generated_text}, and
	 * the finish reason when {@code details} was asked for.
	 * @param index the token's position, from 0
	 */
	static byte[] event(TgiReply reply, int index, String text, boolean last) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(192);
		out.writeBytes(DATA);
		out.writeBytes(Json.write((json) -> {
			json.writeStartObject();
			json.writeNumberProperty("index", index + 1);
			json.writeName("token");
			writeToken(json, index, text);
			json.writeStringProperty("generated_text", last ? reply.generatedText() : null);
			if (last && reply.request().details()) {
				json.writeObjectPropertyStart("details");
				writeDetails(json, reply);
				json.writeNumberProperty("input_length", reply.promptTokens());
				json.writeEndObject();
			}
			else {
				json.writeNullProperty("details");
			}
			json.writeEndObject();
		}));
		out.writeBytes(FRAME_END);
		return out.toByteArray();
	}

	private static void writeDetails(JsonGenerator json, TgiReply reply) {
		json.writeStringProperty("finish_reason", reply.finishReason());
		json.writeNumberProperty("generated_tokens", reply.completion().tokens());
		json.writeNullProperty("seed");
	}

	private static void writeToken(JsonGenerator json, int index, String text) {
		json.writeStartObject();
		json.writeNumberProperty("id", TgiReply.FIRST_TOKEN_ID + index);
		json.writeStringProperty("text", text);
		json.writeNumberProperty("logprob", TgiReply.LOGPROB);
		json.writeBooleanProperty("special", false);
		json.writeEndObject();
	}

}
