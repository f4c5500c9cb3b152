package dev.llmgw.gateway.api;

import java.nio.charset.StandardCharsets;

import dev.llmgw.gateway.error.GatewayError;
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
		return this.mapper.writeValueAsBytes(
				new ErrorBody(new ErrorDetail(error.getMessage(), error.type(), error.param(), error.code())));
	}

	/**
	 * The event that ends a stream which failed after its first chunk, when a status can
	 * no longer be sent.
	 */
	public byte[] sseFrame(GatewayError error) {
		byte[] json = json(error);
		byte[] prefix = "data: ".getBytes(StandardCharsets.US_ASCII);
		byte[] frame = new byte[prefix.length + json.length + 2];
		System.arraycopy(prefix, 0, frame, 0, prefix.length);
		System.arraycopy(json, 0, frame, prefix.length, json.length);
		frame[frame.length - 2] = '\n';
		frame[frame.length - 1] = '\n';
		return frame;
	}

}
