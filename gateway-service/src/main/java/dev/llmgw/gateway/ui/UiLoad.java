package dev.llmgw.gateway.ui;

import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * At most a few UI pages in flight per instance: a page may run several queries at once,
 * and the database pool is shared with the calls' key lookups and spend writes, so the UI
 * takes at most {@code limit} pages' worth of connections and the call path keeps the
 * rest. A page over the limit is answered at once with a 503 asking to try again, never
 * queued behind the others.
 */
final class UiLoad implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	private final int limit;

	private final AtomicInteger inFlight = new AtomicInteger();

	UiLoad(int limit) {
		this.limit = limit;
	}

	@Override
	public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
		if (this.inFlight.incrementAndGet() > this.limit) {
			this.inFlight.decrementAndGet();
			return UiResponses.page(HttpStatus.SERVICE_UNAVAILABLE,
					"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Busy</title></head><body>"
							+ "<p>The admin UI is busy on this instance; try again in a moment.</p></body></html>");
		}
		return Mono.defer(() -> next.handle(request)).doFinally((signal) -> this.inFlight.decrementAndGet());
	}

}
