package dev.llmgw.middleware.bedrock;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * AWS event-stream frames (application/vnd.amazon.eventstream), built with the AWS SDK's
 * own encoder: string headers {@code :message-type}, {@code :event-type} or
 * {@code :exception-type}, {@code :content-type}, a JSON payload, both CRCs.
 */
final class EventStreamFrames {

	private static final HeaderValue JSON = HeaderValue.fromString("application/json");

	private static final HeaderValue EVENT = HeaderValue.fromString("event");

	private static final HeaderValue EXCEPTION = HeaderValue.fromString("exception");

	private EventStreamFrames() {
	}

	static byte[] event(String type, byte[] payload) {
		Map<String, HeaderValue> headers = new LinkedHashMap<>(4);
		headers.put(":event-type", HeaderValue.fromString(type));
		headers.put(":content-type", JSON);
		headers.put(":message-type", EVENT);
		return bytes(new Message(headers, payload));
	}

	/**
	 * @param type the exception, in Bedrock's lower-camel stream form, e.g.
	 * {@code throttlingException}
	 * @param payload {@code {"message": ...}}
	 */
	static byte[] exception(String type, byte[] payload) {
		Map<String, HeaderValue> headers = new LinkedHashMap<>(4);
		headers.put(":exception-type", HeaderValue.fromString(type));
		headers.put(":content-type", JSON);
		headers.put(":message-type", EXCEPTION);
		return bytes(new Message(headers, payload));
	}

	private static byte[] bytes(Message message) {
		ByteBuffer buffer = message.toByteBuffer();
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

}
