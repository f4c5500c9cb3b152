package dev.llmgw.gateway.web;

import dev.llmgw.gateway.auth.CallerIdentity;
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

	public Usage usage() {
		return this.usage;
	}

	public void usage(Usage usage) {
		this.usage = usage;
	}

}
