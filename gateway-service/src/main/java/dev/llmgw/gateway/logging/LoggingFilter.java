package dev.llmgw.gateway.logging;

import dev.llmgw.gateway.web.FilterOrder;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Keeps each request's headers for the logging callbacks (redaction and opt-out headers,
 * {@code requester_custom_headers}). Present only when a callback is configured.
 */
final class LoggingFilter implements WebFilter, Ordered {

	@Override
	public int getOrder() {
		return FilterOrder.CALL_END + 1;
	}

	/** A fixed name, as {@link FilterOrder} asks of every filter. */
	@Override
	public String toString() {
		return "LoggingFilter";
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		LoggedRequest.attach(exchange);
		return chain.filter(exchange);
	}

}
