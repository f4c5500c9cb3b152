package dev.llmgw.gateway.web;

import org.springframework.core.Ordered;

/**
 * The order of every web filter of the gateway, in one place so that the chain can be
 * read top to bottom.
 * <p>
 * Every filter extends {@link NamedWebFilter}, which names it once.
 */
public final class FilterOrder {

	/**
	 * Assigns the call id: first, so that even refusals carry one.
	 */
	public static final int CALL_ID = Ordered.HIGHEST_PRECEDENCE + 100;

	/**
	 * Answers cross-origin preflights and marks cross-origin answers: before
	 * authentication, since a preflight carries no key.
	 */
	public static final int CROSS_ORIGIN = CALL_ID + 10;

	/**
	 * Writes one access log line per request when it has ended: just inside the call id,
	 * so that every request, refusals included, has its line.
	 */
	public static final int ACCESS_LOG = CALL_ID + 5;

	/**
	 * Starts the request's trace span from the caller's {@code traceparent}: inside the
	 * call id and the access log, outside the end of the call, so that the call's record
	 * is handed on before the span is closed.
	 */
	public static final int TRACING = CALL_ID + 20;

	/**
	 * Hands each model call's end-of-call record to its listeners (budgets, spend, rate
	 * limits) once its response has ended, however it ended.
	 */
	public static final int CALL_END = CALL_ID + 50;

	/**
	 * Refuses bodies over max_request_size_mb by their declared length, before anything
	 * reads them, and holds what is read within the in-flight budget.
	 */
	public static final int REQUEST_SIZE = CALL_ID + 100;

	/** Resolves the caller's key to an identity. */
	public static final int AUTHENTICATION = REQUEST_SIZE + 100;

	/**
	 * Refuses query parameters and end-user headers the gateway could not store (NUL
	 * characters, ids longer than their columns): once the caller is known, before any
	 * route reads them.
	 */
	public static final int CALLER_INPUT = AUTHENTICATION + 10;

	/**
	 * Hands a chat request that needs the middleware (a managed prompt, chat history) to
	 * it, once its body is read: after authentication, so that no body is read for a
	 * caller without a key.
	 */
	public static final int CHAT_HANDOFF = CALLER_INPUT + 10;

	/**
	 * Ends the context walks of the route's operators: innermost, below every filter that
	 * adds operators.
	 */
	public static final int CONTEXT_BOUNDARY = Ordered.LOWEST_PRECEDENCE;

	private FilterOrder() {
	}

}
