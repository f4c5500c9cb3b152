package dev.llmgw.fake.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the server and the ways replies are encoded: a plain body and
 * server-sent-events frames, with or without an event name.
 */
public final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/**
	 * Reads a whole body as one value: newline-delimited JSON is text, not its first
	 * line.
	 */
	private static final ObjectReader WHOLE_BODY = MAPPER.readerFor(JsonNode.class)
		.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	private static final byte[] DATA_PREFIX = "data: ".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] EVENT_PREFIX = "event: ".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] LINE_END = "\n".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] FRAME_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

	private Json() {
	}

	/**
	 * Parses a request body; throws {@link tools.jackson.core.JacksonException} when it
	 * is not JSON, and returns a missing node when it is empty.
	 */
	public static JsonNode read(byte[] body) {
		return MAPPER.readTree(body);
	}

	/**
	 * A logged body as a test wants to read it: the JSON value it holds, or its text when
	 * it is not one JSON value (a log line, NDJSON, an empty body).
	 */
	public static JsonNode readOrText(byte[] body) {
		if (body.length > 0) {
			try {
				JsonNode node = WHOLE_BODY.readValue(body);
				if (node != null && !node.isMissingNode()) {
					return node;
				}
			}
			catch (JacksonException ex) {
				// not JSON: kept as text below
			}
		}
		return MAPPER.getNodeFactory().stringNode(new String(body, StandardCharsets.UTF_8));
	}

	public static byte[] write(JsonContent content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		writeTo(out, content);
		return out.toByteArray();
	}

	/**
	 * Encodes one server-sent event, {@code data: <json>\n\n}.
	 */
	public static byte[] sseFrame(JsonContent content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		out.writeBytes(DATA_PREFIX);
		writeTo(out, content);
		out.writeBytes(FRAME_END);
		return out.toByteArray();
	}

	/**
	 * Encodes one named server-sent event, {@code event: <name>\ndata: <json>\n\n}, as
	 * Anthropic and Cohere stream them.
	 */
	public static byte[] sseEvent(String event, JsonContent content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		out.writeBytes(EVENT_PREFIX);
		out.writeBytes(event.getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(LINE_END);
		out.writeBytes(DATA_PREFIX);
		writeTo(out, content);
		out.writeBytes(FRAME_END);
		return out.toByteArray();
	}

	private static void writeTo(ByteArrayOutputStream out, JsonContent content) {
		try (JsonGenerator generator = MAPPER.createGenerator(out)) {
			content.writeTo(generator);
		}
	}

}
