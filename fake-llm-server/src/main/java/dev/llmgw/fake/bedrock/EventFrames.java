package dev.llmgw.fake.bedrock;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.JsonContent;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * AWS event-stream frames, encoded by the AWS SDK's own encoder so that the SDK's decoder
 * (and its CRC checks) read them as they read Bedrock's.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html">ConverseStream</a>
 */
final class EventFrames {

	static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

	private static final HeaderValue JSON = HeaderValue.fromString("application/json");

	private EventFrames() {
	}

	/**
	 * An {@code event} frame: {@code :event-type} names the member of the stream union,
	 * and the payload is that member's JSON.
	 */
	static byte[] event(String eventType, JsonContent payload) {
		Map<String, HeaderValue> headers = new LinkedHashMap<>();
		headers.put(":event-type", HeaderValue.fromString(eventType));
		headers.put(":content-type", JSON);
		headers.put(":message-type", HeaderValue.fromString("event"));
		return encode(headers, Json.write(payload));
	}

	/**
	 * An {@code exception} frame, how Bedrock fails a stream after it has begun.
	 */
	static byte[] exception(String exceptionType, String message) {
		Map<String, HeaderValue> headers = new LinkedHashMap<>();
		headers.put(":exception-type", HeaderValue.fromString(exceptionType));
		headers.put(":content-type", JSON);
		headers.put(":message-type", HeaderValue.fromString("exception"));
		return encode(headers, Json.write((json) -> {
			json.writeStartObject();
			json.writeStringProperty("message", message);
			json.writeEndObject();
		}));
	}

	private static byte[] encode(Map<String, HeaderValue> headers, byte[] payload) {
		ByteBuffer frame = new Message(headers, payload).toByteBuffer();
		byte[] bytes = new byte[frame.remaining()];
		frame.get(bytes);
		return bytes;
	}

}
