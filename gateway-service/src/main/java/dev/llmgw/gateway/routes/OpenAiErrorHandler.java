package dev.llmgw.gateway.routes;

import java.util.Set;

import dev.llmgw.gateway.web.CallLog;
import dev.llmgw.gateway.api.ErrorBodies;
import dev.llmgw.gateway.api.ErrorClassifier;
import dev.llmgw.gateway.api.RouteMethods;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.error.RateLimitError;
import dev.llmgw.gateway.logs.LogValues;
import dev.llmgw.gateway.messages.AnthropicErrorBodies;
import dev.llmgw.gateway.web.CallContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Answers every failure on the gateway's routes with an OpenAI error body and the
 * matching status, ahead of Spring's default handler, so that no caller ever sees a stack
 * trace or an HTML page.
 */
public final class OpenAiErrorHandler implements WebExceptionHandler, Ordered {

	private static final Logger log = LoggerFactory.getLogger(OpenAiErrorHandler.class);

	private final ErrorBodies bodies;

	private final AnthropicErrorBodies anthropicBodies;

	private final RouteMethods routeMethods;

	public OpenAiErrorHandler(ErrorBodies bodies, AnthropicErrorBodies anthropicBodies, RouteMethods routeMethods) {
		this.anthropicBodies = anthropicBodies;
		this.bodies = bodies;
		this.routeMethods = routeMethods;
	}

	@Override
	public int getOrder() {
		return -2;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		String callId = CallContext.of(exchange).callId();
		if (response.isCommitted()) {
			if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
				// a caller going away is normal: noted once, not warned about
				CallLog.about(log.atDebug(), exchange)
					.log("call_id={} the caller went away: {}", callId, LogValues.escape(ex));
				return Mono.empty();
			}
			CallLog.about(log.atWarn(), exchange)
				.log("call_id={} failed after the response started: {}", callId, LogValues.escape(ex));
			return Mono.error(ex);
		}
		GatewayError error = ErrorClassifier.classify(ex, exchange);
		if (error == null) {
			CallLog.about(log.atError(), exchange).setCause(ex).log("call_id={} unexpected failure", callId);
			error = ErrorClassifier.internal(callId);
		}
		if (ex instanceof MethodNotAllowedException notAllowed) {
			return write(exchange, error, notAllowed.getSupportedMethods());
		}
		if (error instanceof NotFoundError && !(ex instanceof GatewayError)) {
			// no route took it: a route under another method makes it a 405
			GatewayError notFound = error;
			return this.routeMethods.allowed(exchange)
				.flatMap((allowed) -> allowed.isEmpty() ? write(exchange, notFound, allowed)
						: write(exchange, ErrorClassifier.methodNotAllowed(exchange, allowed), allowed));
		}
		return write(exchange, error, Set.of());
	}

	private Mono<Void> write(ServerWebExchange exchange, GatewayError error, Set<HttpMethod> allowed) {
		ServerHttpResponse response = exchange.getResponse();
		// each protocol answers errors in its own shape
		byte[] body = AnthropicErrorBodies.isMessagesPath(exchange.getRequest().getPath().value())
				? this.anthropicBodies.json(error) : this.bodies.json(error);
		response.setStatusCode(HttpStatusCode.valueOf(error.status()));
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setContentLength(body.length);
		if (error.status() == 405 && !allowed.isEmpty()) {
			headers.setAllow(allowed);
		}
		if (error instanceof RateLimitError limited && limited.retryAfter() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, limited.retryAfter());
		}
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
