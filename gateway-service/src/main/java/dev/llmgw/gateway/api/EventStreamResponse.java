package dev.llmgw.gateway.api;

import java.util.function.Function;

import dev.llmgw.gateway.web.CallLog;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.web.CallContext;
import dev.llmgw.gateway.logs.LogValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * A server-sent-event response that flushes each frame as it comes. A failure before the
 * first frame leaves the response uncommitted, so the error handler still sends a proper
 * status and error body; after it, the failure becomes one last error frame in the
 * caller's protocol.
 */
public final class EventStreamResponse {

	private static final Logger log = LoggerFactory.getLogger(EventStreamResponse.class);

	private EventStreamResponse() {
	}

	/**
	 * @param exchange the caller's request
	 * @param frames the frames, each already framed for the caller's protocol
	 * @param tally whether a frame has gone out
	 * @param errorFrame the caller's protocol's error frame
	 * @return the response
	 */
	public static Mono<ServerResponse> of(ServerWebExchange exchange, Flux<byte[]> frames, StreamTally tally,
			Function<GatewayError, byte[]> errorFrame) {
		DataBufferFactory buffers = exchange.getResponse().bufferFactory();
		String callId = CallContext.of(exchange).callId();
		Flux<DataBuffer> body = frames.map(buffers::wrap).onErrorResume((error) -> {
			if (!tally.started()) {
				return Flux.error(error);
			}
			CallLog.about(log.atWarn(), exchange)
				.log("call_id={} stream failed after it started: {}", callId, LogValues.escape(error));
			GatewayError gatewayError = (error instanceof GatewayError known) ? known
					: ErrorClassifier.internal(callId);
			return Flux.just(buffers.wrap(errorFrame.apply(gatewayError)));
		});
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.header(HttpHeaders.CACHE_CONTROL, "no-cache")
			.body((message, ignored) -> message.writeAndFlushWith(body.map(Mono::just)));
	}

}
