package dev.llmgw.gateway.providers;

import java.util.Map;

import dev.llmgw.gateway.providers.Deployment;
import org.jspecify.annotations.Nullable;

/**
 * One image generation call of a deployment
 * (https://platform.openai.com/docs/api-reference/images/create).
 *
 * @param deployment who answers
 * @param request the caller's body, in OpenAI form
 * @param callId the request id, for logs
 */
public record ImageCall(Deployment deployment, Map<String, @Nullable Object> request, String callId) {

	public String prompt() {
		Object prompt = this.request.get("prompt");
		return (prompt != null) ? prompt.toString() : "";
	}

	/** How many images, 1 when not given. */
	public int count() {
		return (this.request.get("n") instanceof Number n) ? Math.max(1, n.intValue()) : 1;
	}

	public @Nullable String size() {
		Object size = this.request.get("size");
		return (size != null) ? size.toString() : null;
	}

	public @Nullable String quality() {
		Object quality = this.request.get("quality");
		return (quality != null) ? quality.toString() : null;
	}

}
