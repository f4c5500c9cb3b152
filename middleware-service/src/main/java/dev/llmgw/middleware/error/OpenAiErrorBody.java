package dev.llmgw.middleware.error;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A failure of the middleware's own told in OpenAI's error shape, for its OpenAI routes:
 * {@code {"error": {"message", "type", "param", "code"}}} with the status as the code, as
 * the gateway answers, so the OpenAI SDKs raise their usual exceptions.
 */
public final class OpenAiErrorBody {

	private OpenAiErrorBody() {
	}

	public static ObjectNode of(JsonMapper mapper, BedrockError error) {
		ObjectNode body = mapper.createObjectNode();
		body.putObject("error").put("message", error.getMessage()).put("type", switch (error.status()) {
			case 400, 413 -> "invalid_request_error";
			case 401, 403 -> "auth_error";
			case 404 -> "not_found_error";
			default -> "api_error";
		}).putNull("param").put("code", Integer.toString(error.status()));
		return body;
	}

}
