package dev.llmgw.gateway.admission;

import java.util.List;
import java.util.function.Consumer;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.budget.BudgetDecision;
import dev.llmgw.gateway.budget.BudgetGate;
import dev.llmgw.gateway.engine.AdmitStage;
import dev.llmgw.gateway.engine.ModelCall;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.ratelimit.Admission;
import dev.llmgw.gateway.ratelimit.RateLimitGate;
import dev.llmgw.gateway.routing.AdmittedGroup;
import dev.llmgw.gateway.routing.Failover;
import dev.llmgw.gateway.routing.ModelGroup;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.routing.Router;
import dev.llmgw.model.openai.Usage;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The admit stage, the same for every model call whatever its route: model access, the
 * model group and its first deployment (with LiteLLM's response headers), then rate
 * limits and budgets, asked of Redis at once.
 */
public final class ModelCallGate implements AdmitStage {

	private final ModelRegistry models;

	private final Router router;

	private final RateLimitGate rateLimits;

	private final BudgetGate budgets;

	public ModelCallGate(ModelRegistry models, Router router, RateLimitGate rateLimits, BudgetGate budgets) {
		this.models = models;
		this.router = router;
		this.rateLimits = rateLimits;
		this.budgets = budgets;
	}

	@Override
	public Mono<Deployment> admit(ServerWebExchange exchange, ModelCall call, Consumer<Deployment> routed) {
		String model = call.model();
		CallerIdentity caller = CallerIdentity.of(exchange);
		if (caller != null) {
			AuthenticationError refusal = caller.access().refusal(model);
			String aliasTarget = this.models.aliasTarget(model);
			// an alias is allowed when the group it stands for is
			if (refusal != null && (aliasTarget == null || !caller.access().allows(aliasTarget))) {
				return Mono.error(refusal);
			}
		}
		ModelGroup group = this.models.find(model);
		if (group == null) {
			return Mono.error(new BadRequestError(call.route() + ": Invalid model name passed in model=" + model
					+ ". Call `/v1/models` to view available models for your key.", null, "model"));
		}
		// found once per call: the queue and the failover read it back (a wildcard group
		// is
		// built afresh on every lookup)
		AdmittedGroup.set(exchange, group);
		Deployment deployment = this.router.pick(group, List.of(), call.promptChars());
		routed.accept(deployment);
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set(Failover.MODEL_ID_HEADER, deployment.id());
		headers.set(Failover.MODEL_GROUP_HEADER, group.name());
		if (deployment.apiBase() != null) {
			headers.set(Failover.MODEL_API_BASE_HEADER, deployment.apiBase());
		}
		CallerIdentity admitted = (caller != null) ? caller : CallerIdentity.unauthenticated();
		// rate limits and budgets are asked at once: both scripts travel together, one
		// round trip to Redis. Neither cancels the other on failure: each, once admitted,
		// is held until the request ends and then handed back, whatever refused the call
		return Mono
			.zipDelayError(this.rateLimits.admit(exchange, admitted, model),
					this.budgets.admit(exchange, admitted, call.endUser(), model, deployment,
							call.estimates().apply(deployment)))
			.flatMap((answers) -> {
				Admission admission = answers.getT1();
				BudgetDecision decision = answers.getT2();
				RateLimitGate.writeHeaders(headers, admission);
				if (!admission.allowed()) {
					return Mono.error(RateLimitGate.refusal(admission, System.currentTimeMillis()));
				}
				if (!decision.allowed()) {
					return Mono.error(BudgetGate.refusal(decision));
				}
				return Mono.just(deployment);
			});
	}

	@Override
	public void answered(ServerWebExchange exchange, Usage usage) {
		this.rateLimits.end(exchange, usage).subscribe();
	}

}
