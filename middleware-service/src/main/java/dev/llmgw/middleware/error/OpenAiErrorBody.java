package dev.llmgw.middleware.error;

import dev.llmgw.model.openai.ErrorBody;
import dev.llmgw.model.openai.ErrorDetail;

/**
 * A failure of the middleware's own told in OpenAI's error shape, for its OpenAI routes:
 * {@code {"error": {"message", "type", "param", "code"}}} with the status as the code, as
 * the gateway answers, so the OpenAI SDKs raise their usual exceptions.
 */
public final class OpenAiErrorBody {

	private OpenAiErrorBody() {
	}

	public static ErrorBody of(BedrockError error) {
		String type = switch (error.status()) {
			case 400, 413 -> "invalid_request_error";
			case 401, 403 -> "auth_error";
			case 404 -> "not_found_error";
			default -> "api_error";
		};
		return new ErrorBody(new ErrorDetail(error.getMessage(), type, null, Integer.toString(error.status())));
	}

}
