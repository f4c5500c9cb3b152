package dev.llmgw.gateway.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import dev.llmgw.gateway.web.FilterOrder;
import dev.llmgw.gateway.web.NamedWebFilter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * LiteLLM's {@code litellm_in_flight_requests}: the HTTP requests this instance is
 * serving now, counted from the first filter to the end of the response, two atomic
 * additions a request.
 */
final class InFlightRequests extends NamedWebFilter {

	private final AtomicInteger inFlight = new AtomicInteger();

	InFlightRequests(MeterRegistry registry) {
		Gauge.builder(Families.IN_FLIGHT.name(), this.inFlight, AtomicInteger::get)
			.description(Families.IN_FLIGHT.help())
			.register(registry);
	}

	@Override
	public int getOrder() {
		return FilterOrder.CALL_ID - 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		this.inFlight.incrementAndGet();
		return chain.filter(exchange).doFinally((signal) -> this.inFlight.decrementAndGet());
	}

}
