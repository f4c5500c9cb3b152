package dev.llmgw.gateway.responses;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.providers.SseFrames;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading and writing whole Responses API stream events, as the handler needs them
 * whoever wrote the stream (the gateway's translation or a provider's own API).
 */
final class ResponseEvents {

	/** The heads of the closing events' frames, compared byte by byte on every event. */
	private static final byte[][] CLOSING = { head("response.completed"), head("response.incomplete"),
			head("response.failed") };

	private ResponseEvents() {
	}

	/**
	 * Whether a frame is the event that closes a response and carries it whole.
	 */
	static boolean isClosing(byte[] frame) {
		for (byte[] prefix : CLOSING) {
			if (startsWith(frame, prefix)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The {@code error} event that ends a stream which failed after it started (a status
	 * can no longer be sent).
	 * @param sequence the number of events already sent
	 */
	static byte[] error(JsonMapper mapper, int sequence, GatewayError error) {
		Map<String, @Nullable Object> event = new LinkedHashMap<>();
		event.put("type", "error");
		event.put("sequence_number", sequence);
		event.put("code", error.code());
		event.put("message", error.getMessage());
		event.put("param", error.param());
		return SseFrames.event("error", mapper.writeValueAsBytes(event));
	}

	private static byte[] head(String type) {
		return ("event: " + type + "\n").getBytes(StandardCharsets.US_ASCII);
	}

	private static boolean startsWith(byte[] frame, byte[] prefix) {
		if (frame.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (frame[i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

}
