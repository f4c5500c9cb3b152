package dev.llmgw.fake.http;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import dev.llmgw.fake.directive.FakeError;
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
 * Writes replies without blocking: JSON bodies with a known length, and streams that
 * flush every frame on its own so that clients see each chunk as it is produced.
 */
public final class Replies {

	public static final AsciiString EVENT_STREAM = AsciiString.cached("text/event-stream");

	private static final java.time.Duration DROP_PAUSE = java.time.Duration.ofMillis(50);

	private Replies() {
	}

	public static Mono<Void> json(HttpServerResponse response, HttpResponseStatus status, byte[] body) {
		response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
		return response.send(Mono.just(Unpooled.wrappedBuffer(body))).then();
	}

	/**
	 * Sets {@code Retry-After} when the error calls for one (see
	 * {@link FakeError#retryAfterSeconds(int)}).
	 */
	public static void retryAfter(HttpServerResponse response, FakeError error, int requestedSeconds) {
		int seconds = error.retryAfterSeconds(requestedSeconds);
		if (seconds > 0) {
			response.header(HttpHeaderNames.RETRY_AFTER, Integer.toString(seconds));
		}
	}

	public static Mono<Void> eventStream(HttpServerResponse response, Flux<byte[]> frames) {
		return stream(response, EVENT_STREAM, frames);
	}

	/**
	 * Sends frames of any streaming content type (server-sent events, AWS event stream),
	 * each flushed as its own write.
	 */
	public static Mono<Void> stream(HttpServerResponse response, CharSequence contentType, Flux<byte[]> frames) {
		response.status(HttpResponseStatus.OK)
			.header(HttpHeaderNames.CONTENT_TYPE, contentType)
			.header(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
		return response.send(frames.map(Unpooled::wrappedBuffer), (buffer) -> true).then();
	}

	/**
	 * Sends part of an event stream and then drops the connection without the terminating
	 * chunk, as a provider that fails mid-stream does.
	 */
	public static Mono<Void> eventStreamThenDrop(HttpServerResponse response, Flux<byte[]> frames) {
		// close only once everything written so far has left: a plain close() would fail
		// writes still queued, and the client would lose the chunks the directive
		// promised
		// before the drop. The short pause lets a client that reports a closed connection
		// before it hands over buffered data (the JDK client can) read those chunks
		// first.
		return eventStream(response, frames).then(Mono.delay(DROP_PAUSE))
			.then(Mono.fromRunnable(() -> response.withConnection((connection) -> connection.channel()
				.writeAndFlush(Unpooled.EMPTY_BUFFER)
				.addListener(ChannelFutureListener.CLOSE))));
	}

	/**
	 * The frames of a stream, the first at once and each later one after
	 * {@code delayMillis} ({@code chunk_delay_ms}).
	 */
	public static Flux<byte[]> paced(List<byte[]> frames, long delayMillis) {
		if (delayMillis <= 0 || frames.size() < 2) {
			return Flux.fromIterable(frames);
		}
		return Flux.concat(Mono.just(frames.get(0)),
				Flux.fromIterable(frames.subList(1, frames.size())).delayElements(Duration.ofMillis(delayMillis)));
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
