package dev.llmgw.gateway.web;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every response an {@code x-litellm-call-id} (and every request its
 * {@link CallContext}); the access log writes the id in the request's line.
 * <p>
 * A request handed to the middleware is one call with one id: the id goes with it, the
 * middleware passes it to the gateway it calls back, and that gateway reuses it (for its
 * log line and the spend row), so the caller, the logs and {@code /spend/logs} all name
 * the same call. The proxied answer brings that gateway's own call id and version
 * headers, which would repeat these; they are set once more just before the answer is
 * sent.
 */
public final class CallIdFilter extends NamedWebFilter {

	/** The response header carrying the request id, as LiteLLM names it. */
	public static final String CALL_ID_HEADER = "x-litellm-call-id";

	/**
	 * Which gateway answered, for support questions; LiteLLM sends its own version here.
	 */
	public static final String VERSION_HEADER = "x-litellm-version";

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
		return chain.filter(this.middlewarePaths.routesToMiddleware(exchange) ? passedOn(exchange, context) : exchange);
	}

	/**
	 * A request forwarded to the middleware takes its call id along, and its answer
	 * carries this id and version once.
	 */
	static ServerWebExchange passedOn(ServerWebExchange exchange, CallContext context) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		exchange.getResponse().beforeCommit(() -> {
			headers.set(CALL_ID_HEADER, context.callId());
			headers.set(VERSION_HEADER, GatewayVersion.VALUE);
			return Mono.empty();
		});
		return exchange.mutate()
			.request((request) -> request.headers((sent) -> sent.set(CALL_ID_HEADER, context.callId())))
			.build();
	}

}
