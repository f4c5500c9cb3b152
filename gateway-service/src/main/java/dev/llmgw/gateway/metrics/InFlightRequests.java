package dev.llmgw.gateway.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import dev.llmgw.gateway.web.FilterOrder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * LiteLLM's {@code litellm_in_flight_requests}: the HTTP requests this instance is
 * serving now, counted from the first filter to the end of the response, two atomic
 * additions a request.
 */
final class InFlightRequests implements WebFilter, Ordered {

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

	/** A fixed name, as {@link FilterOrder} asks of every filter. */
	@Override
	public String toString() {
		return "InFlightRequests";
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		this.inFlight.incrementAndGet();
		return chain.filter(exchange).doFinally((signal) -> this.inFlight.decrementAndGet());
	}

}
