package dev.llmgw.gateway.web;

import java.util.concurrent.TimeUnit;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.logs.LogValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every response an {@code x-litellm-call-id} and writes one log line per request
 * when it ends: the id, method, path, status, time, model, deployment, caller (never a
 * full key) and token usage. Every value a caller chose (path, model, ids) is written
 * escaped, so that none can end the line and forge another.
 */
public final class CallIdFilter implements WebFilter, Ordered {

	/** The response header carrying the request id, as LiteLLM names it. */
	public static final String CALL_ID_HEADER = "x-litellm-call-id";

	/**
	 * Which gateway answered, for support questions; LiteLLM sends its own version here.
	 */
	public static final String VERSION_HEADER = "x-litellm-version";

	private static final Logger log = LoggerFactory.getLogger("dev.llmgw.gateway.access");

	@Override
	public int getOrder() {
		return FilterOrder.CALL_ID;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String offered = exchange.getRequest().getHeaders().getFirst(CALL_ID_HEADER);
		CallContext context = CallContext.start(exchange, CallIds.isAcceptable(offered) ? offered : CallIds.next());
		exchange.getResponse().getHeaders().set(CALL_ID_HEADER, context.callId());
		exchange.getResponse().getHeaders().set(VERSION_HEADER, GatewayVersion.VALUE);
		if (!log.isInfoEnabled()) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange).doFinally((signal) -> logLine(exchange, context));
	}

	private static void logLine(ServerWebExchange exchange, CallContext context) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - context.startNanos());
		CallerIdentity caller = context.caller();
		log.info(
				"call_id={} {} {} status={} ms={} model={} deployment={} caller={} user={} team={} "
						+ "prompt_tokens={} completion_tokens={}",
				LogValues.escape(context.callId()), exchange.getRequest().getMethod(),
				LogValues.escape(exchange.getRequest().getPath().value()), (status != null) ? status.value() : 200,
				millis, LogValues.escape(context.model()), LogValues.escape(context.deploymentId()),
				LogValues.escape((caller != null) ? caller.displayName() : "-"),
				LogValues.escape((caller != null) ? caller.userId() : null),
				LogValues.escape((caller != null) ? caller.teamId() : null), context.usage().promptTokens(),
				context.usage().completionTokens());
	}

}
