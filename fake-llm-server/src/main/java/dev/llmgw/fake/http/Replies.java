package dev.llmgw.fake.http;

import java.time.Duration;
import java.util.function.Supplier;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Writes replies without blocking: JSON bodies with a known length, and event streams
 * that flush every frame on its own so that clients see each chunk as it is produced.
 */
public final class Replies {

	private static final AsciiString EVENT_STREAM = AsciiString.cached("text/event-stream");

	private Replies() {
	}

	public static Mono<Void> json(HttpServerResponse response, HttpResponseStatus status, byte[] body) {
		response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
		return response.send(Mono.just(Unpooled.wrappedBuffer(body))).then();
	}

	public static Mono<Void> eventStream(HttpServerResponse response, Flux<byte[]> frames) {
		response.status(HttpResponseStatus.OK)
			.header(HttpHeaderNames.CONTENT_TYPE, EVENT_STREAM)
			.header(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
		return response.send(frames.map(Unpooled::wrappedBuffer), (buffer) -> true).then();
	}

	/**
	 * Sends part of an event stream and then drops the connection without the terminating
	 * chunk, as a provider that fails mid-stream does.
	 */
	private static final Duration DROP_DELAY = Duration.ofMillis(50);

	public static Mono<Void> eventStreamThenDrop(HttpServerResponse response, Flux<byte[]> frames) {
		// close only once everything written so far has left: a plain close() would fail
		// writes still queued,
		// and the client would lose the chunks the directive promised before the drop
		return eventStream(response, frames)
			.then(Mono.fromRunnable(() -> response.withConnection((connection) -> connection.channel()
				.writeAndFlush(Unpooled.EMPTY_BUFFER)
				.addListener(ChannelFutureListener.CLOSE))));
	}

	/**
	 * Defers a reply by a delay on Reactor's timer, never by sleeping on the event loop.
	 */
	public static Mono<Void> after(long delayMillis, Supplier<Mono<Void>> reply) {
		if (delayMillis <= 0) {
			return reply.get();
		}
		return Mono.delay(Duration.ofMillis(delayMillis)).then(Mono.defer(reply));
	}

}
