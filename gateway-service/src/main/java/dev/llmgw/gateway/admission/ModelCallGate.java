package dev.llmgw.gateway.admission;

import dev.llmgw.gateway.api.CallerInput;
import java.util.List;
import java.util.function.Function;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.budget.BudgetDecision;
import dev.llmgw.gateway.budget.BudgetGate;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.ratelimit.Admission;
import dev.llmgw.gateway.ratelimit.RateLimitGate;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.routing.Failover;
import dev.llmgw.gateway.routing.ModelGroup;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.routing.Router;
import dev.llmgw.gateway.web.CallContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * What every model call goes through before a provider sees it, whatever its route: model
 * access, the model group and its deployment (with LiteLLM's response headers), then rate
 * limits and budgets, asked of Redis at once.
 */
public final class ModelCallGate {

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

	/**
	 * @param exchange the request
	 * @param model the model group asked for
	 * @param endUser the request's end user
	 * @param route the route, for LiteLLM's unknown-model message
	 * @param promptChars the prompt's size, for the context-window check
	 * @param estimate the most the call may cost, reserved on its budgets
	 * @return the deployment that will answer, or the refusal
	 */
	public Mono<Deployment> admit(ServerWebExchange exchange, String model, @Nullable String endUser, String route,
			long promptChars, BudgetGate.Estimate estimate) {
		return admit(exchange, model, endUser, route, promptChars, (deployment) -> estimate);
	}

	/**
	 * As above, for calls whose cost depends on the deployment chosen (images are priced
	 * per image, per model).
	 */
	public Mono<Deployment> admit(ServerWebExchange exchange, String model, @Nullable String endUser, String route,
			long promptChars, Function<Deployment, BudgetGate.Estimate> estimates) {
		CallContext context = CallContext.of(exchange);
		// the model name and end user go into spend rows: refused here, as the caller
		// sent them, rather than by the database after the answer
		CallerInput.check("model", model);
		CallerInput.check("user", endUser);
		context.model(model);
		CallerIdentity caller = context.caller();
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
			return Mono.error(new BadRequestError(route + ": Invalid model name passed in model=" + model
					+ ". Call `/v1/models` to view available models for your key.", null, "model"));
		}
		Deployment deployment = this.router.pick(group, List.of(), promptChars);
		context.deployment(deployment);
		context.endUser(endUser);
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
					this.budgets.admit(admitted, endUser, model, deployment, estimates.apply(deployment))
						.doOnNext(context::budget))
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

	/**
	 * The end user a call is charged to, in LiteLLM's order: the customer-id headers,
	 * then the body's {@code user} (shared/spec/admin-api.md §4.2).
	 */
	public static @Nullable String endUser(ServerWebExchange exchange, @Nullable String bodyUser) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		String header = headers.getFirst("x-litellm-customer-id");
		if (header == null) {
			header = headers.getFirst("x-litellm-end-user-id");
		}
		return (header != null && !header.isBlank()) ? header : CallerInput.check("user", bodyUser);
	}

}
