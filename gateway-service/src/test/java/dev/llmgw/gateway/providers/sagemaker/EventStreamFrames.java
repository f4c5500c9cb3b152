package dev.llmgw.gateway.providers.sagemaker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * SageMaker's response stream as the service writes it, built with the AWS SDK's own
 * encoder: the container's bytes in {@code PayloadPart} events, cut where a test says,
 * and the exception frame that can end it.
 */
final class EventStreamFrames {

	private EventStreamFrames() {
	}

	/**
	 * @param container what the container wrote
	 * @param cuts byte offsets at which a new PayloadPart starts, even inside a UTF-8
	 * character
	 */
	static byte[] parts(String container, int... cuts) {
		byte[] bytes = container.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int start = 0;
		for (int cut : cuts) {
			payloadPart(Arrays.copyOfRange(bytes, start, cut)).encode(out);
			start = cut;
		}
		payloadPart(Arrays.copyOfRange(bytes, start, bytes.length)).encode(out);
		return out.toByteArray();
	}

	static byte[] exception(String type, String json) {
		Map<String, HeaderValue> headers = new LinkedHashMap<>();
		headers.put(":message-type", HeaderValue.fromString("exception"));
		headers.put(":exception-type", HeaderValue.fromString(type));
		headers.put(":content-type", HeaderValue.fromString("application/json"));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new Message(headers, json.getBytes(StandardCharsets.UTF_8)).encode(out);
		return out.toByteArray();
	}

	static byte[] concat(List<byte[]> pieces) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		pieces.forEach(out::writeBytes);
		return out.toByteArray();
	}

	private static Message payloadPart(byte[] bytes) {
		Map<String, HeaderValue> headers = new LinkedHashMap<>();
		headers.put(":message-type", HeaderValue.fromString("event"));
		headers.put(":event-type", HeaderValue.fromString("PayloadPart"));
		headers.put(":content-type", HeaderValue.fromString("application/octet-stream"));
		return new Message(headers, bytes);
	}

}
