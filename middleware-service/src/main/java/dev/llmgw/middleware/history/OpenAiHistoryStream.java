package dev.llmgw.middleware.history;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.llmgw.middleware.upstream.SseDataDecoder;
import dev.llmgw.model.openai.ErrorBody;
import dev.llmgw.model.openai.ErrorDetail;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's OpenAI stream for a call with history: passed through event by event, the
 * first chunk carrying {@code session_id}, while the reply adds up; the closing
 * {@code data: [DONE]} is held until the reply is stored, so a client that sends its next
 * turn as soon as the stream ends finds this one in the session. A stream that fails or
 * ends early stores nothing. One per stream.
 */
public final class OpenAiHistoryStream {

	private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

	private final SseDataDecoder decoder = new SseDataDecoder();

	private final ReplyAccumulator reply = new ReplyAccumulator();

	private final JsonMapper mapper;

	private final String sessionId;

	private final Function<JsonNode, Mono<Void>> store;

	private boolean first = true;

	private boolean done;

	private boolean failed;

	/**
	 * @param mapper parses the chunks
	 * @param sessionId the session, told in the first chunk
	 * @param store stores the reply once the stream is complete
	 */
	public OpenAiHistoryStream(JsonMapper mapper, String sessionId, Function<JsonNode, Mono<Void>> store) {
		this.mapper = mapper;
		this.sessionId = sessionId;
		this.store = store;
	}

	public Flux<byte[]> rewrite(Flux<byte[]> chunks) {
		return chunks.concatMapIterable(this::onChunk).concatWith(Flux.defer(this::onEnd));
	}

	private List<byte[]> onChunk(byte[] chunk) {
		List<String> events = this.decoder.decode(chunk);
		if (events.isEmpty()) {
			return List.of();
		}
		List<byte[]> out = new ArrayList<>(events.size());
		for (String data : events) {
			if ("[DONE]".equals(data.trim())) {
				this.done = true;
				continue;
			}
			JsonNode event;
			try {
				event = this.mapper.readTree(data);
			}
			catch (JacksonException ex) {
				// not ours to judge: passed on as it came, as the plain pass-through does
				out.add(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
				continue;
			}
			if (event.path("error").isObject()) {
				this.failed = true;
			}
			else {
				this.reply.add(event);
				if (this.first && event instanceof ObjectNode object) {
					this.first = false;
					object.put(HistoryOptions.SESSION_ID, this.sessionId);
					data = this.mapper.writeValueAsString(object);
				}
			}
			out.add(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
		}
		return out;
	}

	private Flux<byte[]> onEnd() {
		if (!this.done) {
			return Flux.empty();
		}
		if (this.failed) {
			return Flux.just(DONE);
		}
		return this.store.apply(this.reply.message(this.mapper))
			.thenReturn(DONE)
			.onErrorResume((error) -> Mono.just(storeFailed(error)))
			.flux();
	}

	/**
	 * The reply reached the caller but not the session: an error event in OpenAI's shape
	 * instead of {@code [DONE]}, so the SDK raises it rather than let the conversation go
	 * on without this turn.
	 */
	private byte[] storeFailed(Throwable error) {
		ErrorBody body = new ErrorBody(new ErrorDetail(
				"The reply could not be stored in session " + this.sessionId + ": " + error.getMessage(), "api_error",
				null, "500"));
		return ("data: " + this.mapper.writeValueAsString(body) + "\n\n").getBytes(StandardCharsets.UTF_8);
	}

}
