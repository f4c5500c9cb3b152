package dev.llmgw.middleware.web;

import java.util.Locale;

import dev.llmgw.memory.BodyReservation;
import dev.llmgw.memory.InFlightBodyBudget;
import dev.llmgw.middleware.error.BedrockError;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Bounds what request bodies cost, for every route that reads one (the OpenAI
 * pass-through, Converse, chat history). A body over the per-request limit is refused
 * with 413, by its Content-Length before any of it is read, else as soon as it passes the
 * limit. Every body also holds its bytes in the process-wide {@link InFlightBodyBudget}
 * from when a route starts reading it (its Content-Length at once, else buffer by buffer)
 * until the request ends, whether it completed, failed or was cancelled; a body the
 * budget cannot hold is refused with 503 and {@code Retry-After}, and one larger than the
 * whole budget with 413. Refusals are {@link BedrockError}s raised while the body is
 * read, so each route tells them in its own protocol: Bedrock's shape on {@code /bedrock}
 * routes, OpenAI's on the others. Reserving on read means that a request refused before
 * its body is read (a bad Okta token) holds nothing.
 */
public final class RequestBodyLimitFilter implements WebFilter, Ordered {

	/** Seconds a refused caller is told to wait: bodies in flight end within seconds. */
	static final String RETRY_AFTER_SECONDS = "1";

	private final long maxBytes;

	private final InFlightBodyBudget budget;

	public RequestBodyLimitFilter(long maxBytes, InFlightBodyBudget budget) {
		this.maxBytes = maxBytes;
		this.budget = budget;
	}

	@Override
	public int getOrder() {
		// after cross-origin handling and Okta sign-up (neither reads the body), before
		// the pass-through, which does
		return Ordered.HIGHEST_PRECEDENCE + 5;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long length = exchange.getRequest().getHeaders().getContentLength();
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
			if (length > 0) {
				BedrockError refusal = refusal(exchange, length, reservation);
				if (refusal != null) {
					return Flux.error(refusal);
				}
			}
			return body.map((buffer) -> {
				BedrockError refusal = refusal(exchange, reservation.received(buffer.readableByteCount()), reservation);
				if (refusal != null) {
					DataBufferUtils.release(buffer);
					throw refusal;
				}
				return buffer;
			});
		});
	}

	/** Why a body of {@code bytes} so far cannot be held, or null when it can. */
	private @Nullable BedrockError refusal(ServerWebExchange exchange, long bytes, BodyReservation reservation) {
		if (bytes > this.maxBytes) {
			return new BedrockError(413, "ValidationException", "Request size is too large. Max size is "
					+ megabytes(this.maxBytes) + " MB (MIDDLEWARE_MAX_REQUEST_SIZE_MB)");
		}
		if (bytes > this.budget.capacity()) {
			return new BedrockError(413, "ValidationException",
					"Request size is too large. Max size on this " + "middleware is "
							+ megabytes(this.budget.capacity()) + " MB (MIDDLEWARE_MAX_IN_FLIGHT_REQUEST_MB)");
		}
		if (!reservation.cover(bytes)) {
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
			return new BedrockError(503, "ServiceUnavailableException",
					"The middleware is busy reading other large requests; retry after " + RETRY_AFTER_SECONDS + " s");
		}
		return null;
	}

	private static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%.2f", bytes / (1024.0 * 1024.0));
	}

}
