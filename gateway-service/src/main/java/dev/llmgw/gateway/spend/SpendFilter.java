package dev.llmgw.gateway.spend;

import dev.llmgw.gateway.pricing.CostCalculator;
import dev.llmgw.gateway.pricing.PriceMap;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.KeySpendTracker;
import dev.llmgw.gateway.budget.BudgetGate;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.web.CallContext;
import dev.llmgw.gateway.web.FilterOrder;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Hands every finished model call to the {@link SpendRecorder} once its response has
 * ended (streams included, with the usage their last chunk reported), so that recording
 * never delays a response.
 */
public final class SpendFilter implements WebFilter, Ordered {

	private final SpendRecorder recorder;

	private final PriceMap prices;

	private final BudgetGate budgets;

	private final KeySpendTracker keySpend;

	public SpendFilter(SpendRecorder recorder, PriceMap prices, BudgetGate budgets, KeySpendTracker keySpend) {
		this.recorder = recorder;
		this.prices = prices;
		this.budgets = budgets;
		this.keySpend = keySpend;
	}

	@Override
	public int getOrder() {
		return FilterOrder.SPEND;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return chain.filter(exchange).doFinally((signal) -> record(exchange, signal != SignalType.ON_ERROR));
	}

	private void record(ServerWebExchange exchange, boolean completed) {
		CallContext context = CallContext.of(exchange);
		Deployment deployment = context.deployment();
		if (deployment == null) {
			return;
		}
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		boolean success = completed && (status == null || status.value() < 400);
		double cost = (context.cost() != null) ? context.cost()
				: CostCalculator.cost(this.prices.priceOf(deployment), context.usage());
		// the budget reservation is settled with the actual cost, which ends the call's
		// hold on its budgets
		this.budgets.settle(context.budget(), success ? cost : 0).subscribe();
		CallerIdentity caller = context.caller();
		if (success && caller != null && caller.keyHash() != null) {
			this.keySpend.add(caller.keyHash(), cost);
		}
		this.recorder.record(new SpendEvent(context.callId(), "acompletion", success ? "success" : "failure",
				(caller != null) ? caller.keyHash() : null, (caller != null) ? caller.userId() : null,
				(caller != null) ? caller.teamId() : null, context.endUser(), success ? cost : 0, context.usage(),
				context.startTime(), OffsetDateTime.now(ZoneOffset.UTC), deployment.providerModel(), deployment.id(),
				context.model(), deployment.provider().name(), deployment.apiBase()));
	}

}
