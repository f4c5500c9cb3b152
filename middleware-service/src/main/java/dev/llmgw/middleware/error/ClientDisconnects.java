package dev.llmgw.middleware.error;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * A caller that hangs up is normal (a closed browser tab, a cancelled SDK call): it is
 * noted once at debug with the call id, never as an error with a stack trace, and nothing
 * is answered, since no one is left to read it.
 */
public final class ClientDisconnects {

	private static final Logger log = LoggerFactory.getLogger(ClientDisconnects.class);

	private static final String CALL_ID = "x-litellm-call-id";

	private ClientDisconnects() {
	}

	/**
	 * Whether a failure is the caller's connection going away: Reactor Netty's
	 * {@code AbortedException}, a reset or a broken pipe, as Spring recognises them.
	 */
	public static boolean is(Throwable ex) {
		return DisconnectedClientHelper.isClientDisconnectedException(ex);
	}

	/**
	 * @param exchange the call whose caller went away
	 * @param ex how it was noticed
	 * @return an empty answer
	 */
	public static Mono<Void> noted(ServerWebExchange exchange, Throwable ex) {
		if (log.isDebugEnabled()) {
			log.debug("call_id={} the caller went away: {}", callId(exchange), ex.toString());
		}
		return Mono.empty();
	}

	/**
	 * The caller's own call id, else the gateway's once it answered, else the
	 * connection's request id.
	 */
	static String callId(ServerWebExchange exchange) {
		String id = exchange.getRequest().getHeaders().getFirst(CALL_ID);
		if (id == null) {
			id = exchange.getResponse().getHeaders().getFirst(CALL_ID);
		}
		return (id != null) ? id : exchange.getRequest().getId();
	}

}
