package dev.llmgw.gateway.engine;

import java.util.function.Consumer;

import dev.llmgw.gateway.providers.Deployment;
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

}
