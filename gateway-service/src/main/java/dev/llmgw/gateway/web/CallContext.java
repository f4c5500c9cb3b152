package dev.llmgw.gateway.web;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.budget.BudgetDecision;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;

/**
 * What is known about one request as it moves through the gateway, for its log line and
 * for the features that run after the response (spend, logging callbacks). One per
 * exchange; each field is written by one stage.
 */
public final class CallContext {

	private static final String ATTRIBUTE = CallContext.class.getName();

	private final String callId;

	private final long startNanos;

	private @Nullable CallerIdentity caller;

	private @Nullable String model;

	private @Nullable String deploymentId;

	private Usage usage = Usage.NONE;

	private @Nullable Deployment deployment;

	private @Nullable String endUser;

	private @Nullable Double cost;

	private BudgetDecision budget = BudgetDecision.UNLIMITED;

	private final OffsetDateTime startTime = OffsetDateTime.now(ZoneOffset.UTC);

	CallContext(String callId, long startNanos) {
		this.callId = callId;
		this.startNanos = startNanos;
	}

	public static CallContext of(ServerWebExchange exchange) {
		CallContext context = exchange.getAttribute(ATTRIBUTE);
		return (context != null) ? context : start(exchange, CallIds.next());
	}

	static CallContext start(ServerWebExchange exchange, String callId) {
		CallContext context = new CallContext(callId, System.nanoTime());
		exchange.getAttributes().put(ATTRIBUTE, context);
		return context;
	}

	public String callId() {
		return this.callId;
	}

	long startNanos() {
		return this.startNanos;
	}

	public @Nullable CallerIdentity caller() {
		return this.caller;
	}

	public void caller(CallerIdentity caller) {
		this.caller = caller;
	}

	public @Nullable String model() {
		return this.model;
	}

	public void model(String model) {
		this.model = model;
	}

	public @Nullable String deploymentId() {
		return this.deploymentId;
	}

	public void deploymentId(String deploymentId) {
		this.deploymentId = deploymentId;
	}

	/** The deployment that answered, once one was chosen. */
	public @Nullable Deployment deployment() {
		return this.deployment;
	}

	public void deployment(Deployment deployment) {
		this.deployment = deployment;
		this.deploymentId = deployment.id();
	}

	/** The request's end user (the {@code user} field, or the customer-id headers). */
	public @Nullable String endUser() {
		return this.endUser;
	}

	public void endUser(@Nullable String endUser) {
		this.endUser = endUser;
	}

	/** The call's cost in dollars, once known. */
	public @Nullable Double cost() {
		return this.cost;
	}

	public void cost(double cost) {
		this.cost = cost;
	}

	/** The call's budget reservations, settled when it ends. */
	public BudgetDecision budget() {
		return this.budget;
	}

	public void budget(BudgetDecision budget) {
		this.budget = budget;
	}

	public OffsetDateTime startTime() {
		return this.startTime;
	}

	public Usage usage() {
		return this.usage;
	}

	public void usage(Usage usage) {
		this.usage = usage;
	}

}
