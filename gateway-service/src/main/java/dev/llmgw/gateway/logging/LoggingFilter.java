package dev.llmgw.gateway.logging;

import dev.llmgw.gateway.web.FilterOrder;
import dev.llmgw.gateway.web.NamedWebFilter;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * Keeps each request's headers for the logging callbacks (redaction and opt-out headers,
 * {@code requester_custom_headers}). Present only when a callback is configured.
 */
final class LoggingFilter extends NamedWebFilter {

	@Override
	public int getOrder() {
		return FilterOrder.CALL_END + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		LoggedRequest.attach(exchange);
		return chain.filter(exchange);
	}

}
