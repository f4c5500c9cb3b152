package dev.llmgw.gateway.web;

import java.util.concurrent.TimeUnit;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.logs.LogValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every response an {@code x-litellm-call-id} and writes one log line per request
 * when it ends: the id, method, path, status, time, model, deployment, caller (never a
 * full key) and token usage. Every value a caller chose (path, model, ids) is written
 * escaped, so that none can end the line and forge another.
 * <p>
 * A request handed to the middleware is one call with one id: the id goes with it, the
 * middleware passes it to the gateway it calls back, and that gateway reuses it (for its
 * log line and the spend row), so the caller, the logs and {@code /spend/logs} all name
 * the same call. The proxied answer brings that gateway's own call id and version
 * headers, which would repeat these; they are set once more just before the answer is
 * sent. This gateway's line for such a request is marked {@code hop=middleware}: the
 * model, tokens and caller are in the line of the gateway that served it.
 */
public final class CallIdFilter implements WebFilter, Ordered {

	/** The response header carrying the request id, as LiteLLM names it. */
	public static final String CALL_ID_HEADER = "x-litellm-call-id";

	/**
	 * Which gateway answered, for support questions; LiteLLM sends its own version here.
	 */
	public static final String VERSION_HEADER = "x-litellm-version";

	private static final Logger log = LoggerFactory.getLogger("dev.llmgw.gateway.access");

	private final MiddlewarePaths middlewarePaths;

	public CallIdFilter(MiddlewarePaths middlewarePaths) {
		this.middlewarePaths = middlewarePaths;
	}

	@Override
	public int getOrder() {
		return FilterOrder.CALL_ID;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String offered = exchange.getRequest().getHeaders().getFirst(CALL_ID_HEADER);
		CallContext context = CallContext.start(exchange, CallIds.isAcceptable(offered) ? offered : CallIds.next());
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set(CALL_ID_HEADER, context.callId());
		headers.set(VERSION_HEADER, GatewayVersion.VALUE);
		boolean hop = this.middlewarePaths.routesToMiddleware(exchange.getRequest());
		ServerWebExchange served = exchange;
		if (hop) {
			served = exchange.mutate()
				.request((request) -> request.headers((sent) -> sent.set(CALL_ID_HEADER, context.callId())))
				.build();
			exchange.getResponse().beforeCommit(() -> {
				headers.set(CALL_ID_HEADER, context.callId());
				headers.set(VERSION_HEADER, GatewayVersion.VALUE);
				return Mono.empty();
			});
		}
		if (!log.isInfoEnabled()) {
			return chain.filter(served);
		}
		return chain.filter(served).doFinally((signal) -> {
			if (hop) {
				hopLine(exchange, context);
			}
			else {
				logLine(exchange, context);
			}
		});
	}

	/**
	 * The line of a request handed to the middleware, which the served call's line
	 * follows.
	 */
	private static void hopLine(ServerWebExchange exchange, CallContext context) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - context.startNanos());
		log.info("call_id={} {} {} status={} ms={} hop=middleware", LogValues.escape(context.callId()),
				exchange.getRequest().getMethod(), LogValues.escape(exchange.getRequest().getPath().value()),
				(status != null) ? status.value() : 200, millis);
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
