package dev.llmgw.fake.bedrock;

import dev.llmgw.fake.aws.EventStreamFrames;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.JsonContent;

/**
 * ConverseStream's frames: every event's payload is JSON, and so is an exception's
 * {@code {"message"}}.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html">ConverseStream</a>
 */
final class EventFrames {

	static final String CONTENT_TYPE = EventStreamFrames.CONTENT_TYPE;

	private static final String JSON = "application/json";

	private EventFrames() {
	}

	/**
	 * An {@code event} frame: {@code :event-type} names the member of the stream union,
	 * and the payload is that member's JSON.
	 */
	static byte[] event(String eventType, JsonContent payload) {
		return EventStreamFrames.event(eventType, JSON, Json.write(payload));
	}

	/**
	 * An {@code exception} frame, how Bedrock fails a stream after it has begun.
	 */
	static byte[] exception(String exceptionType, String message) {
		return EventStreamFrames.exception(exceptionType, Json.write((json) -> {
			json.writeStartObject();
			json.writeStringProperty("message", message);
			json.writeEndObject();
		}));
	}

}
