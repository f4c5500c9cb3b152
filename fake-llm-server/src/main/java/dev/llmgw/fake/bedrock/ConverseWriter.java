package dev.llmgw.fake.bedrock;

import dev.llmgw.fake.http.Json;

/**
 * Writes a Converse response.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax">Converse
 * response syntax</a>
 */
final class ConverseWriter {

	private ConverseWriter() {
	}

	static byte[] write(ConverseReply reply) {
		return Json.write((json) -> {
			json.writeStartObject();
			json.writeObjectPropertyStart("output");
			json.writeObjectPropertyStart("message");
			json.writeStringProperty("role", "assistant");
			json.writeArrayPropertyStart("content");
			if (reply.hasText()) {
				json.writeStartObject();
				json.writeStringProperty("text", reply.completion().text());
				json.writeEndObject();
			}
			if (reply.toolCall() != null) {
				json.writeStartObject();
				json.writeObjectPropertyStart("toolUse");
				json.writeStringProperty("toolUseId", reply.toolUseId());
				json.writeStringProperty("name", reply.toolCall());
				json.writeObjectPropertyStart("input");
				json.writeEndObject();
				json.writeEndObject();
				json.writeEndObject();
			}
			json.writeEndArray();
			json.writeEndObject();
			json.writeEndObject();
			json.writeStringProperty("stopReason", reply.stopReason());
			reply.writeUsage(json);
			json.writeEndObject();
		});
	}

}
