package dev.llmgw.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.web.ExchangeAttribute;
import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * The provider attempts of a call that failed before it ended, and whether the call moved
 * to a fallback group: routing's own slot in the request's attributes, read from the
 * end-of-call record by whoever counts them (metrics, logging callbacks). A call whose
 * first attempt answered has none, so the common path allocates nothing.
 */
public final class AttemptLog {

	private static final ExchangeAttribute<AttemptLog> ATTRIBUTE = ExchangeAttribute.of(AttemptLog.class,
			AttemptLog.class);

	/**
	 * One failed attempt.
	 *
	 * @param deployment who was called
	 * @param group the model group it served the call for
	 * @param status the failure's HTTP status
	 * @param errorClass the failure's type
	 * @param fallback whether the attempt was in a fallback group
	 * @param startNanos when it started ({@link System#nanoTime})
	 * @param endNanos when it failed
	 */
	public record Failure(Deployment deployment, String group, int status, String errorClass, boolean fallback,
			long startNanos, long endNanos) {

	}

	private final List<Failure> failures = new ArrayList<>();

	private int fallbacks;

	private int retries;

	private AttemptLog() {
	}

	/** The log of a call whose attempts failed; null when none did. */
	public static @Nullable AttemptLog of(Map<String, Object> attributes) {
		return ATTRIBUTE.get(attributes);
	}

	static void failed(ServerWebExchange exchange, Deployment deployment, String group, GatewayError failure,
			boolean fallback, long startNanos) {
		AttemptLog log = ATTRIBUTE.computeIfAbsent(exchange, AttemptLog::new);
		synchronized (log) {
			log.failures.add(new Failure(deployment, group, failure.status(), failure.getClass().getSimpleName(),
					fallback, startNanos, System.nanoTime()));
		}
	}

	static void fellBack(ServerWebExchange exchange) {
		AttemptLog log = ATTRIBUTE.computeIfAbsent(exchange, AttemptLog::new);
		synchronized (log) {
			log.fallbacks++;
		}
	}

	static void retried(ServerWebExchange exchange) {
		AttemptLog log = ATTRIBUTE.computeIfAbsent(exchange, AttemptLog::new);
		synchronized (log) {
			log.retries++;
		}
	}

	/** How many times the call was tried again in the same group. */
	public synchronized int retries() {
		return this.retries;
	}

	/** The failed attempts, in order. */
	public synchronized List<Failure> failures() {
		return List.copyOf(this.failures);
	}

	/** How many fallback groups the call moved to. */
	public synchronized int fallbacks() {
		return this.fallbacks;
	}

}
