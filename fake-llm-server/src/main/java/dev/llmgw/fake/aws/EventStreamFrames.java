package dev.llmgw.fake.aws;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * AWS event-stream frames ({@code application/vnd.amazon.eventstream}), encoded by the
 * AWS SDK's own encoder so that the SDK's decoder (and its CRC checks) read them as they
 * read the real services': Bedrock's ConverseStream and SageMaker's
 * InvokeEndpointWithResponseStream.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html#streaming-event-stream">Event
 * stream encoding</a>
 */
public final class EventStreamFrames {

	public static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

	private EventStreamFrames() {
	}

	/**
	 * An {@code event} frame: {@code :event-type} names the member of the stream union,
	 * the payload is that member's body.
	 * @param contentType the payload's type: {@code application/json} for a structure,
	 * {@code application/octet-stream} for a blob bound to the payload
	 */
	public static byte[] event(String eventType, String contentType, byte[] payload) {
		Map<String, HeaderValue> headers = new LinkedHashMap<>();
		headers.put(":event-type", HeaderValue.fromString(eventType));
		headers.put(":content-type", HeaderValue.fromString(contentType));
		headers.put(":message-type", HeaderValue.fromString("event"));
		return encode(headers, payload);
	}

	/**
	 * An {@code exception} frame, how a service fails a stream after it has begun;
	 * {@code :exception-type} names the modelled exception and the payload is its JSON.
	 */
	public static byte[] exception(String exceptionType, byte[] jsonPayload) {
		Map<String, HeaderValue> headers = new LinkedHashMap<>();
		headers.put(":exception-type", HeaderValue.fromString(exceptionType));
		headers.put(":content-type", HeaderValue.fromString("application/json"));
		headers.put(":message-type", HeaderValue.fromString("exception"));
		return encode(headers, jsonPayload);
	}

	private static byte[] encode(Map<String, HeaderValue> headers, byte[] payload) {
		ByteBuffer frame = new Message(headers, payload).toByteBuffer();
		byte[] bytes = new byte[frame.remaining()];
		frame.get(bytes);
		return bytes;
	}

}
