package dev.llmgw.gateway.web;

import dev.llmgw.memory.InFlightBodyBudget;
import dev.llmgw.memory.BodyReservation;
import java.util.Locale;
import java.util.function.Predicate;

import dev.llmgw.gateway.error.RequestTooLargeError;
import dev.llmgw.gateway.error.UpstreamError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * Bounds what request bodies cost. A body whose declared Content-Length exceeds
 * {@code general_settings.max_request_size_mb} is refused before any of it is read, and a
 * chunked one as soon as it passes the limit while it is read (413). Every body read here
 * also holds its bytes in the process-wide {@link InFlightBodyBudget}: reserved when a
 * handler starts reading it (its Content-Length at once, else buffer by buffer), given
 * back when the request ends, whether it completed, failed or was cancelled. A body the
 * budget cannot hold is refused with 503 and {@code Retry-After}, so that many large
 * bodies at once slow callers down instead of running the heap out; one larger than the
 * whole budget could never be held and is a 413 like an oversized one. Reserving on read,
 * not here, means that a request refused before its body is read (a bad key) holds
 * nothing. Bodies forwarded to the middleware, and uploads spooled to disk, stream
 * through and are only size-limited, a chunked one as it is read.
 */
public final class RequestSizeFilter extends NamedWebFilter {

	/** Seconds a refused caller is told to wait: bodies in flight end within seconds. */
	static final String RETRY_AFTER_SECONDS = "1";

	private final long maxBytes;

	private final InFlightBodyBudget budget;

	private final Predicate<ServerWebExchange> streamedThrough;

	/**
	 * @param maxBytes the per-request limit
	 * @param budget the process-wide budget
	 * @param streamedThrough requests whose body is forwarded as it arrives, never held
	 */
	public RequestSizeFilter(long maxBytes, InFlightBodyBudget budget, Predicate<ServerWebExchange> streamedThrough) {
		this.maxBytes = maxBytes;
		this.budget = budget;
		this.streamedThrough = streamedThrough;
	}

	@Override
	public int getOrder() {
		return FilterOrder.REQUEST_SIZE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long length = exchange.getRequest().getHeaders().getContentLength();
		if (length > this.maxBytes) {
			return Mono.error(new RequestTooLargeError("Request size is too large. Request size is " + megabytes(length)
					+ " MB. Max size is " + megabytes(this.maxBytes) + " MB (general_settings.max_request_size_mb)"));
		}
		if (this.streamedThrough.test(exchange)) {
			// not held, but still no larger than the limit: a chunked body declares no
			// length, so it is counted as it is read
			ServerHttpRequest limited = new ServerHttpRequestDecorator(exchange.getRequest()) {
				@Override
				public Flux<DataBuffer> getBody() {
					return limited(super.getBody());
				}
			};
			return chain.filter(exchange.mutate().request(limited).build());
		}
		if (length > this.budget.capacity()) {
			return Mono.error(beyondBudget());
		}
		BodyReservation reservation = new BodyReservation(this.budget);
		ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
			@Override
			public Flux<DataBuffer> getBody() {
				return budgeted(exchange, super.getBody(), length, reservation);
			}
		};
		return chain.filter(exchange.mutate().request(counted).build()).doFinally((signal) -> reservation.close());
	}

	private Flux<DataBuffer> budgeted(ServerWebExchange exchange, Flux<DataBuffer> body, long length,
			BodyReservation reservation) {
		return Flux.defer(() -> {
			if (length > 0 && !reservation.cover(length)) {
				return Flux.error(busy(exchange));
			}
			return body.map((buffer) -> {
				long received = reservation.received(buffer.readableByteCount());
				if (received > this.maxBytes) {
					DataBufferUtils.release(buffer);
					throw tooLarge();
				}
				if (received > this.budget.capacity()) {
					DataBufferUtils.release(buffer);
					throw beyondBudget();
				}
				if (!reservation.cover(received)) {
					DataBufferUtils.release(buffer);
					throw busy(exchange);
				}
				return buffer;
			});
		});
	}

	private Flux<DataBuffer> limited(Flux<DataBuffer> body) {
		return Flux.defer(() -> {
			long[] received = { 0 };
			return body.map((buffer) -> {
				received[0] += buffer.readableByteCount();
				if (received[0] > this.maxBytes) {
					DataBufferUtils.release(buffer);
					throw tooLarge();
				}
				return buffer;
			});
		});
	}

	private RequestTooLargeError tooLarge() {
		return new RequestTooLargeError("Request size is too large. Max size is " + megabytes(this.maxBytes)
				+ " MB (general_settings.max_request_size_mb)");
	}

	/** A body the budget could not hold even alone: waiting would not help. */
	private RequestTooLargeError beyondBudget() {
		return new RequestTooLargeError("Request size is too large. Max size on this gateway is "
				+ megabytes(this.budget.capacity()) + " MB (GATEWAY_MAX_IN_FLIGHT_REQUEST_MB)");
	}

	private UpstreamError busy(ServerWebExchange exchange) {
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		return new UpstreamError(503, "server_error",
				"The gateway is busy reading other large requests; retry after " + RETRY_AFTER_SECONDS + " s", null);
	}

	private static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%.2f", bytes / (1024.0 * 1024.0));
	}

}
