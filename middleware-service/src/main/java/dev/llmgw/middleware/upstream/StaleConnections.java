package dev.llmgw.middleware.upstream;

import java.nio.channels.NotYetConnectedException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.PrematureCloseException;
import reactor.util.retry.Retry;

/**
 * One more attempt, on another connection, for a call to the gateway whose pooled
 * connection turned out closed before any answer came back.
 * <p>
 * Reactor Netty retries by itself only when the request had not gone out. Under hundreds
 * of callers hanging up a second, a pooled connection closing as the pool hands it out
 * shows after the request was written: "Connection prematurely closed BEFORE response",
 * or Linux's ENOTCONN on the next read. The gateway never answered such a request, and
 * the caller got a 500 for a gateway that was fine. The gateway's provider client does
 * the same for its providers.
 */
final class StaleConnections {

	private static final Logger log = LoggerFactory.getLogger(StaleConnections.class);

	private StaleConnections() {
	}

	/**
	 * @param attempt one attempt, told through the flag it is given when the answer's
	 * headers arrive
	 * @param <T> what the call yields
	 * @return the call, attempted a second time after a closed connection before the
	 * answer
	 */
	static <T> Flux<T> retried(Function<AtomicBoolean, Flux<T>> attempt) {
		return Flux.defer(() -> {
			AtomicBoolean answered = new AtomicBoolean();
			return Flux.defer(() -> {
				answered.set(false);
				return attempt.apply(answered);
			})
				.retryWhen(Retry.max(1)
					.filter((error) -> !answered.get() && closedBeforeTheAnswer(error))
					.doBeforeRetry(
							(signal) -> log.debug("a connection to the gateway closed before the answer: retried"))
					.onRetryExhaustedThrow((spec, signal) -> signal.failure()));
		});
	}

	private static boolean closedBeforeTheAnswer(Throwable error) {
		return error instanceof NotYetConnectedException || (error instanceof PrematureCloseException
				&& error.getMessage() != null && error.getMessage().contains("BEFORE response"));
	}

}
