package dev.llmgw.fake.http;

import java.util.List;

import dev.llmgw.fake.directive.Directives;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * How a route's stream frames reach the client. Most providers send their server-sent
 * events as they are; SageMaker wraps the same bytes, as the container wrote them, in AWS
 * event-stream {@code PayloadPart}s, so a route shared with it (OpenAI chat for a
 * Messages-API container) takes the transport as a parameter.
 */
@FunctionalInterface
public interface StreamTransport {

	/**
	 * Server-sent events as written, paced by {@code chunk_delay_ms} after
	 * {@code latency_ms}; a stream cut short by {@code error_after_chunks} ends with a
	 * dropped connection.
	 */
	StreamTransport SERVER_SENT_EVENTS = (response, frames, directives, complete) -> {
		Flux<byte[]> paced = Replies.paced(frames, directives.chunkDelayMs());
		return Replies.after(directives.latencyMs(),
				() -> complete ? Replies.eventStream(response, paced) : Replies.eventStreamThenDrop(response, paced));
	};

	/**
	 * @param frames the stream's frames in the provider's own encoding, in order
	 * @param directives the request's directives, for latency and pacing
	 * @param complete whether the frames end the answer; false when
	 * {@code error_after_chunks} cut it short
	 */
	Mono<Void> send(HttpServerResponse response, List<byte[]> frames, Directives directives, boolean complete);

}
