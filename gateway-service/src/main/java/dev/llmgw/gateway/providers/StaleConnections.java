package dev.llmgw.gateway.providers;

import java.nio.channels.NotYetConnectedException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * One more attempt, on another connection, for a provider call whose connection turned
 * out dead before any answer came back.
 * <p>
 * Reactor Netty retries a request once itself when its pooled connection is found reset
 * before the request went out. When the reset comes just after (a connection closing
 * while the pool handed it out, which hundreds of callers hanging up a second make
 * likely), Linux reports it on the next read as ENOTCONN, which Netty raises as
 * {@link NotYetConnectedException} and Reactor Netty does not retry: the caller got a 500
 * for a provider that was fine. LiteLLM retries a connection error twice by default
 * ({@code num_retries}), so one quiet retry of this one case, only while no answer has
 * begun, is what its users expect.
 */
final class StaleConnections {

	private static final Logger log = LoggerFactory.getLogger(StaleConnections.class);

	private StaleConnections() {
	}

	/**
	 * @param attempt one attempt, told through the flag it is given when the answer's
	 * headers arrive
	 * @param <T> what the call yields
	 * @return the call, attempted a second time after a dead connection before the answer
	 */
	static <T> Flux<T> retried(Function<AtomicBoolean, Flux<T>> attempt) {
		return Flux.defer(() -> {
			AtomicBoolean answered = new AtomicBoolean();
			return Flux.defer(() -> {
				answered.set(false);
				return attempt.apply(answered);
			})
				.retryWhen(Retry.max(1)
					.filter((error) -> error instanceof NotYetConnectedException && !answered.get())
					.doBeforeRetry((signal) -> log.debug("a provider connection was dead before the answer: retried"))
					// the second failure as it is, for the error mapping
					.onRetryExhaustedThrow((spec, signal) -> signal.failure()));
		});
	}

}
