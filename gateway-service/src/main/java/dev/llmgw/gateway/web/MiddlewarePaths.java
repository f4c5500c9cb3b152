package dev.llmgw.gateway.web;

import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Which requests the middleware serves rather than the gateway (ARCHITECTURE.md,
 * Topology): its own paths ({@code /bedrock/*}, chat history, session ids, and
 * {@code /user/new} and {@code /key/generate} with an Okta token), and chat requests that
 * need it (a managed prompt, chat history), which the gateway finds in the body and hands
 * off itself. Every other chat request is served here in one hop. Where there is no load
 * balancer and {@code MIDDLEWARE_URL} is set, the gateway forwards the middleware's paths
 * too; the middleware's own calls back carry {@link #FROM_MIDDLEWARE_HEADER}, which keeps
 * them here and so prevents a loop.
 */
public final class MiddlewarePaths {

	/** Marks a request sent by the middleware to the gateway. */
	public static final String FROM_MIDDLEWARE_HEADER = "x-llmgw-from-middleware";

	private static final Set<String> EXACT = Set.of("/bedrock/chat-history", "/chat-history", "/session-ids",
			"/bedrock/health/liveliness");

	/**
	 * Paths the middleware serves only for an Okta token (it signs the caller up); with a
	 * gateway key they are the gateway's own admin routes, as the middleware would pass
	 * them on unchanged.
	 */
	private static final Set<String> OKTA = Set.of("/user/new", "/key/generate");

	private static final String BEARER = "Bearer ";

	private static final String BEDROCK_MODEL_PREFIX = "/bedrock/model/";

	/**
	 * Whether a request goes to the middleware: decided once per request, as five places
	 * ask (filters, the route table, the access log), and set to true when a chat request
	 * is handed off once its body was read.
	 */
	private static final ExchangeAttribute<Boolean> TO_MIDDLEWARE = ExchangeAttribute.of(MiddlewarePaths.class,
			Boolean.class);

	/**
	 * CORS answer headers: the middleware writes its own on what it answers, so the
	 * gateway's are taken back from a request handed to it, lest the browser see two.
	 */
	private static final Set<String> CROSS_ORIGIN_HEADERS = Set.of(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN,
			HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, HttpHeaders.VARY);

	private final boolean enabled;

	public MiddlewarePaths(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Whether this request is to be forwarded to the middleware: by its path, or because
	 * it was handed off.
	 */
	public boolean routesToMiddleware(ServerWebExchange exchange) {
		if (!this.enabled) {
			return false;
		}
		Boolean decided = TO_MIDDLEWARE.get(exchange);
		if (decided == null) {
			decided = !fromMiddleware(exchange) && byPath(exchange);
			TO_MIDDLEWARE.put(exchange, decided);
		}
		return decided;
	}

	private static boolean byPath(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().value();
		if (OKTA.contains(path)) {
			return carriesOktaToken(exchange);
		}
		return EXACT.contains(path) || path.startsWith(BEDROCK_MODEL_PREFIX);
	}

	/**
	 * A bearer that is not a gateway key ({@code sk-...}): what the middleware's Okta
	 * sign-up takes (and anything else it would pass on unchanged).
	 */
	private static boolean carriesOktaToken(ServerWebExchange exchange) {
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
				&& !authorization.substring(BEARER.length()).trim().startsWith("sk-");
	}

	/** Whether the middleware sent this request: it is never handed back. */
	public static boolean fromMiddleware(ServerWebExchange exchange) {
		return exchange.getRequest().getHeaders().containsHeader(FROM_MIDDLEWARE_HEADER);
	}

	/**
	 * Hands a request the gateway began to serve to the middleware instead, as if its
	 * path were the middleware's: it keeps its call id (see {@link CallIdFilter}),
	 * carries no cross-origin headers of the gateway's, and is forwarded by the
	 * middleware route.
	 * @return the exchange to go on with
	 */
	public static ServerWebExchange handOff(ServerWebExchange exchange) {
		TO_MIDDLEWARE.put(exchange, Boolean.TRUE);
		HttpHeaders headers = exchange.getResponse().getHeaders();
		CROSS_ORIGIN_HEADERS.forEach(headers::remove);
		return CallIdFilter.passedOn(exchange, CallContext.of(exchange));
	}

}
