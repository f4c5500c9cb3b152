package dev.llmgw.gateway.ratelimit;

import dev.llmgw.gateway.web.CallContext;
import dev.llmgw.gateway.web.FilterOrder;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Ends each admitted call's rate-limit counting when its response has ended, however it
 * ended (done, failed, cancelled by the client): its parallel slots are freed and the
 * tokens it used are counted.
 */
public final class RateLimitReleaseFilter implements WebFilter, Ordered {

	private final RateLimitGate gate;

	public RateLimitReleaseFilter(RateLimitGate gate) {
		this.gate = gate;
	}

	@Override
	public int getOrder() {
		return FilterOrder.RATE_LIMIT_RELEASE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return chain.filter(exchange)
			.doFinally((signal) -> this.gate.end(exchange, CallContext.of(exchange).usage()).subscribe());
	}

}
