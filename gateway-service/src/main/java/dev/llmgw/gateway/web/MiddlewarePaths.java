package dev.llmgw.gateway.web;

import java.util.Set;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The paths a load balancer sends to the middleware rather than the gateway
 * (ARCHITECTURE.md, Topology). Where there is no load balancer and {@code MIDDLEWARE_URL}
 * is set, the gateway forwards them itself; the middleware's own calls back carry
 * {@link #FROM_MIDDLEWARE_HEADER}, which keeps them here and so prevents a loop.
 */
public final class MiddlewarePaths {

	/** Marks a request sent by the middleware to the gateway. */
	public static final String FROM_MIDDLEWARE_HEADER = "x-llmgw-from-middleware";

	private static final Set<String> EXACT = Set.of("/chat/completions", "/v1/chat/completions",
			"/bedrock/chat-history", "/chat-history", "/session-ids", "/user/new", "/key/generate",
			"/bedrock/health/liveliness");

	private static final String BEDROCK_MODEL_PREFIX = "/bedrock/model/";

	private final boolean enabled;

	public MiddlewarePaths(boolean enabled) {
		this.enabled = enabled;
	}

	/** Whether this request is to be forwarded to the middleware. */
	public boolean routesToMiddleware(ServerHttpRequest request) {
		if (!this.enabled || request.getHeaders().containsHeader(FROM_MIDDLEWARE_HEADER)) {
			return false;
		}
		String path = request.getPath().value();
		return EXACT.contains(path) || path.startsWith(BEDROCK_MODEL_PREFIX);
	}

}
