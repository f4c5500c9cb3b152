package dev.llmgw.middleware.upstream;

import java.nio.channels.NotYetConnectedException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.PrematureCloseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The one retry of a call to the gateway whose connection closed before any answer. */
class StaleConnectionsTests {

	@Test
	void onceBeforeTheAnswerNeverAfterNorForOtherCloses() {
		AtomicInteger attempts = new AtomicInteger();
		assertThat(StaleConnections
			.retried((answered) -> (attempts.incrementAndGet() == 1)
					? Flux.<String>error(new NotYetConnectedException()) : Flux.just("a"))
			.collectList()
			.block(Duration.ofSeconds(5))).containsExactly("a");
		assertThat(attempts).hasValue(2);
		attempts.set(0);
		Throwable midAnswer = catchThrowable(() -> StaleConnections.retried((answered) -> {
			attempts.incrementAndGet();
			answered.set(true);
			return Flux.<String>error(new NotYetConnectedException());
		}).blockLast(Duration.ofSeconds(5)));
		assertThat(midAnswer).isInstanceOf(NotYetConnectedException.class);
		assertThat(attempts).hasValue(1);
		attempts.set(0);
		Throwable during = catchThrowable(() -> StaleConnections.retried((answered) -> {
			attempts.incrementAndGet();
			return Flux.<String>error(PrematureCloseException.TEST_EXCEPTION);
		}).blockLast(Duration.ofSeconds(5)));
		assertThat(during).as("only a close before the response is retried")
			.hasRootCause(PrematureCloseException.TEST_EXCEPTION);
		assertThat(attempts).hasValue(1);
	}

}
