package dev.llmgw.gateway.admission;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.budget.BudgetCheck;
import dev.llmgw.gateway.budget.BudgetDecision;
import dev.llmgw.gateway.budget.BudgetGate;
import dev.llmgw.gateway.engine.AdmitStage;
import dev.llmgw.gateway.engine.CallKind;
import dev.llmgw.gateway.engine.ModelCall;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.ratelimit.Admission;
import dev.llmgw.gateway.ratelimit.LimitCheck;
import dev.llmgw.gateway.ratelimit.RateLimitGate;
import dev.llmgw.gateway.routing.AdmittedGroup;
import dev.llmgw.gateway.routing.Failover;
import dev.llmgw.gateway.routing.ModelGroup;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.routing.RequestFallbacks;
import dev.llmgw.gateway.routing.Router;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The admit stage, the same for every model call whatever its route: model access, the
 * model group and its first deployment (with LiteLLM's response headers), then rate
 * limits and budgets, counted together ({@link AdmissionCounts}: one Redis round trip to
 * admit, one to end). What a call was granted is held in its request until its answer is
 * complete or the request ends, and then handed back exactly once.
 */
public final class ModelCallGate implements AdmitStage {

	private final ModelRegistry models;

	private final Router router;

	private final RateLimitGate rateLimits;

	private final BudgetGate budgets;

	private final AdmissionCounts counts;

	ModelCallGate(ModelRegistry models, Router router, RateLimitGate rateLimits, BudgetGate budgets,
			AdmissionCounts counts) {
		this.models = models;
		this.router = router;
		this.rateLimits = rateLimits;
		this.budgets = budgets;
		this.counts = counts;
	}

	@Override
	public Mono<Deployment> admit(ServerWebExchange exchange, ModelCall call, Consumer<Deployment> routed) {
		String model = call.model();
		CallerIdentity caller = CallerIdentity.of(exchange);
		if (caller != null) {
			AuthenticationError refusal = refusal(caller, model);
			if (refusal != null) {
				return Mono.error(refusal);
			}
			// the request's own fallbacks are groups the caller chose as well: unchecked,
			// a key held to one group would reach any other by making its call fail
			for (String fallback : RequestFallbacks.named(call.fields())) {
				refusal = refusal(caller, fallback);
				if (refusal != null) {
					return Mono.error(refusal);
				}
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
		Deployment deployment = this.router.pick(group, List.of(), call.promptChars(),
				this.router.policy().tags().requestTags(call.fields(), exchange.getRequest().getHeaders()));
		routed.accept(deployment);
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set(Failover.MODEL_ID_HEADER, deployment.id());
		headers.set(Failover.MODEL_GROUP_HEADER, group.name());
		if (deployment.apiBase() != null) {
			headers.set(Failover.MODEL_API_BASE_HEADER, deployment.apiBase());
		}
		CallerIdentity admitted = (caller != null) ? caller : CallerIdentity.unauthenticated();
		List<LimitCheck> limits = this.rateLimits.checks(admitted, model);
		return this.budgets.plan(admitted, call.endUser(), model, deployment, call.estimates().apply(deployment))
			.flatMap((plan) -> {
				if (call.kind() == CallKind.BATCH && !plan.checks().isEmpty()) {
					// the provider bills a batch's calls when they run, which no budget
					// here sees: refused rather than let a budget be spent past its end
					return Mono.error(new BadRequestError("Batches are not metered by this gateway: a call under a "
							+ "budget (the key's, its user's, team's or end user's, a model budget or the proxy's) "
							+ "cannot start one, since the provider would bill its calls past the budget. Send the "
							+ "requests one by one, or use a key without a budget.", "budget_not_metered",
							"input_file_id"));
				}
				if (limits.isEmpty() && plan.checks().isEmpty()) {
					return Mono.just(deployment);
				}
				RateLimitGate.expect(exchange);
				BudgetGate.expect(exchange);
				// the grant is taken whatever happens to the request meanwhile: one whose
				// client left while Redis answered is cancelled, and what Redis granted
				// would be lost with the chain; here it is still held or handed back
				CompletableFuture<AdmissionCounts.Counted> granted = this.counts.admit(limits, plan)
					.doOnNext((counted) -> holdOrHandBack(exchange, counted))
					.toFuture();
				return Mono.fromFuture(granted, true).flatMap((counted) -> {
					Admission admission = counted.admission();
					BudgetDecision decision = counted.decision();
					RateLimitGate.writeHeaders(headers, admission);
					if (admission.allowed() && !admission.checks().isEmpty()) {
						RateLimitGate.granted(exchange, admission);
					}
					if (!admission.allowed()) {
						return Mono.error(RateLimitGate.refusal(admission, System.currentTimeMillis()));
					}
					if (!decision.allowed()) {
						return Mono.error(BudgetGate.refusal(decision));
					}
					return Mono.just(deployment);
				});
			});
	}

	/**
	 * Holds what a call was granted until its request ends; hands it back at once when
	 * the request has already ended.
	 */
	private void holdOrHandBack(ServerWebExchange exchange, AdmissionCounts.Counted counted) {
		boolean limitsKept = RateLimitGate.keep(exchange, counted.admission());
		boolean budgetsKept = BudgetGate.keep(exchange, counted.decision());
		if (!limitsKept || !budgetsKept) {
			this.counts.end(limitsKept ? null : counted.admission(), 0, budgetsKept ? null : counted.decision(), 0)
				.subscribe();
		}
	}

	@Override
	public void answered(ServerWebExchange exchange, Usage usage, double cost) {
		end(this.counts, RateLimitGate.end(exchange), BudgetGate.end(exchange), usage, cost);
	}

	/**
	 * Hands back what a call held, its parallel slots and budget reservations, with the
	 * tokens it used and what it cost, in one step.
	 */
	static void end(AdmissionCounts counts, @Nullable Admission admission, @Nullable BudgetDecision reservations,
			Usage usage, double cost) {
		if (admission != null || reservations != null) {
			counts.end(admission, usage.totalTokens(), reservations, BudgetCheck.nanos(cost)).subscribe();
		}
	}

	/**
	 * LiteLLM's refusal of a model the caller's lists do not allow, or null; an alias is
	 * allowed when the group it stands for is.
	 */
	private @Nullable AuthenticationError refusal(CallerIdentity caller, String model) {
		AuthenticationError refusal = caller.access().refusal(model);
		if (refusal == null) {
			return null;
		}
		String aliasTarget = this.models.aliasTarget(model);
		return (aliasTarget != null && caller.access().allows(aliasTarget)) ? null : refusal;
	}

}
