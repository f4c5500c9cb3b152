package dev.llmgw.gateway.accesslog;

import java.util.concurrent.TimeUnit;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.engine.CallState;
import dev.llmgw.gateway.logs.LogValues;
import dev.llmgw.gateway.logs.SecretMaskingEncoder;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.web.CallContext;
import dev.llmgw.gateway.web.FilterOrder;
import dev.llmgw.gateway.web.NamedWebFilter;
import dev.llmgw.gateway.web.MiddlewarePaths;
import dev.llmgw.gateway.web.TraceId;
import dev.llmgw.model.openai.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * Writes one log line per request when it ends: the call id, method, path, status, time,
 * model, deployment, caller (never a full key) and token usage. Every value a caller
 * chose (path, model, ids) is written escaped, so that none can end the line and forge
 * another. A request handed to the middleware gets a line marked {@code hop=middleware}:
 * the model, tokens and caller are in the line of the gateway that served it.
 */
public final class AccessLogFilter extends NamedWebFilter {

	private static final Logger log = LoggerFactory.getLogger("dev.llmgw.gateway.access");

	private final MiddlewarePaths middlewarePaths;

	public AccessLogFilter(MiddlewarePaths middlewarePaths) {
		this.middlewarePaths = middlewarePaths;
	}

	@Override
	public int getOrder() {
		return FilterOrder.ACCESS_LOG;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!log.isInfoEnabled()) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange).doFinally((signal) -> {
			// asked at the end: a chat request is handed to the middleware only once its
			// body was read
			if (this.middlewarePaths.routesToMiddleware(exchange)) {
				hopLine(exchange);
			}
			else {
				logLine(exchange);
			}
		});
	}

	/**
	 * The line of a request handed to the middleware, which the served call's line
	 * follows.
	 */
	private static void hopLine(ServerWebExchange exchange) {
		CallContext context = CallContext.of(exchange);
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - context.startNanos());
		write(exchange, context, "call_id={} {} {} status={} ms={} hop=middleware{}",
				LogValues.escape(context.callId()), exchange.getRequest().getMethod(),
				LogValues.escape(exchange.getRequest().getPath().value()), (status != null) ? status.value() : 200,
				millis, traceSuffix(exchange));
	}

	private static void logLine(ServerWebExchange exchange) {
		CallContext context = CallContext.of(exchange);
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - context.startNanos());
		CallerIdentity caller = CallerIdentity.of(exchange);
		CallState call = CallState.of(exchange);
		Deployment deployment = (call != null) ? call.deployment() : null;
		Usage usage = (call != null) ? call.usage() : Usage.NONE;
		write(exchange, context,
				"call_id={} {} {} status={} ms={} model={} deployment={} caller={} user={} team={} "
						+ "prompt_tokens={} completion_tokens={}{}",
				LogValues.escape(context.callId()), exchange.getRequest().getMethod(),
				LogValues.escape(exchange.getRequest().getPath().value()), (status != null) ? status.value() : 200,
				millis, LogValues.escape((call != null) ? call.call().model() : null),
				LogValues.escape((deployment != null) ? deployment.id() : null),
				LogValues.escape((caller != null) ? caller.displayName() : "-"),
				LogValues.escape((caller != null) ? caller.userId() : null),
				LogValues.escape((caller != null) ? caller.teamId() : null), usage.promptTokens(),
				usage.completionTokens(), traceSuffix(exchange));
	}

	/**
	 * Writes the line; for JSON lines ({@code json_logs}) with the call id and (when
	 * traced) the trace id as key-value pairs, which they carry as fields. Plain lines
	 * skip the event builder, which costs every request a few objects.
	 */
	private static void write(ServerWebExchange exchange, CallContext context, String format, Object... arguments) {
		if (!SecretMaskingEncoder.jsonLines()) {
			log.info(format, arguments);
			return;
		}
		LoggingEventBuilder line = log.atInfo().addKeyValue("call_id", context.callId());
		String traceId = TraceId.of(exchange);
		(traceId != null ? line.addKeyValue("trace_id", traceId) : line).log(format, arguments);
	}

	private static String traceSuffix(ServerWebExchange exchange) {
		String traceId = TraceId.of(exchange);
		return (traceId != null) ? " trace_id=" + traceId : "";
	}

}
