package dev.llmgw.gateway.api;

import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.GuardrailViolationError;
import dev.llmgw.gateway.providers.SseFrames;
import dev.llmgw.model.openai.ErrorBody;
import dev.llmgw.model.openai.ErrorDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders the gateway's error family as OpenAI error bodies: as a whole response, or as a
 * stream event.
 */
public final class ErrorBodies {

	private final JsonMapper mapper;

	public ErrorBodies(JsonMapper mapper) {
		this.mapper = mapper;
	}

	public byte[] json(GatewayError error) {
		return this.mapper
			.writeValueAsBytes(new ErrorBody(new ErrorDetail(error.getMessage(), error.type(), error.param(),
					error.code(), (error instanceof GuardrailViolationError guardrail) ? guardrail.details() : null)));
	}

	/**
	 * The event that ends a stream which failed after its first chunk, when a status can
	 * no longer be sent.
	 */
	public byte[] sseFrame(GatewayError error) {
		return SseFrames.data(json(error));
	}

}
