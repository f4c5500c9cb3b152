package dev.llmgw.gateway.engine;

import java.util.function.Consumer;

import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.model.openai.Usage;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * The first stage: may this caller make this call (model access, rate limits, budgets),
 * and which deployment answers first. What it reserves it keeps in its own exchange
 * attributes and hands back through its end-of-call listeners.
 */
public interface AdmitStage {

	/**
	 * @param exchange the request
	 * @param call the call
	 * @param routed told the deployment as soon as one is chosen, even when the call is
	 * then refused (its record names it)
	 * @return the deployment that answers first, or the refusal
	 */
	Mono<Deployment> admit(ServerWebExchange exchange, ModelCall call, Consumer<Deployment> routed);

	/**
	 * The call's answer is complete (a stream ended or was cancelled), its usage and cost
	 * known: what admission holds (parallel slots, budget reservations) may be handed
	 * back and settled now, before the response's last bytes leave, so that a caller who
	 * sends the next call as soon as it has the answer finds its slot free. The
	 * end-of-call listeners hand back what is still held, however the call ended.
	 * @param usage the tokens the call used
	 * @param cost what it cost, in dollars
	 */
	default void answered(ServerWebExchange exchange, Usage usage, double cost) {
	}

}
