package dev.llmgw.gateway.providers;

import java.nio.charset.StandardCharsets;

/**
 * Server-sent-event frames as the gateway writes them, whatever the protocol: OpenAI's
 * unnamed {@code data:} frames and Anthropic's named ones
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html).
 */
public final class SseFrames {

	private static final byte[] DATA_PREFIX = "data: ".getBytes(StandardCharsets.US_ASCII);

	private SseFrames() {
	}

	/** {@code data: <json>\n\n} */
	public static byte[] data(byte[] json) {
		return frame(DATA_PREFIX, json);
	}

	/** {@code event: <type>\ndata: <json>\n\n} */
	public static byte[] event(String type, byte[] json) {
		return frame(("event: " + type + "\ndata: ").getBytes(StandardCharsets.US_ASCII), json);
	}

	/** The JSON of a {@code data:} frame, without the prefix and the blank line. */
	public static String payload(byte[] frame) {
		return new String(frame, DATA_PREFIX.length, frame.length - DATA_PREFIX.length, StandardCharsets.UTF_8).trim();
	}

	/**
	 * The JSON of a frame that may be named ({@code event: <type>\ndata: <json>\n\n}) or
	 * not.
	 */
	public static String eventPayload(byte[] frame) {
		int start = 0;
		if (frame.length > 0 && frame[0] == 'e') {
			while (start < frame.length && frame[start] != '\n') {
				start++;
			}
			start++;
		}
		start = Math.min(frame.length, start + DATA_PREFIX.length);
		return new String(frame, start, frame.length - start, StandardCharsets.UTF_8).trim();
	}

	private static byte[] frame(byte[] head, byte[] json) {
		byte[] frame = new byte[head.length + json.length + 2];
		System.arraycopy(head, 0, frame, 0, head.length);
		System.arraycopy(json, 0, frame, head.length, json.length);
		frame[frame.length - 2] = '\n';
		frame[frame.length - 1] = '\n';
		return frame;
	}

}
