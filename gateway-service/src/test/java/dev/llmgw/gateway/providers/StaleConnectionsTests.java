package dev.llmgw.gateway.providers;

import java.nio.channels.NotYetConnectedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The one retry of a call whose connection was found dead before any answer: made once,
 * never after the answer began, never for another error.
 */
class StaleConnectionsTests {

	@Test
	void aDeadConnectionBeforeTheAnswerIsTriedOnceMore() {
		AtomicInteger attempts = new AtomicInteger();
		List<String> frames = StaleConnections
			.retried((answered) -> (attempts.incrementAndGet() == 1)
					? Flux.<String>error(new NotYetConnectedException()) : Flux.just("a", "b"))
			.collectList()
			.block(Duration.ofSeconds(5));
		assertThat(frames).containsExactly("a", "b");
		assertThat(attempts).hasValue(2);
	}

	@Test
	void twiceDeadIsTheErrorItself() {
		AtomicInteger attempts = new AtomicInteger();
		Throwable error = catchThrowable(() -> StaleConnections.retried((answered) -> {
			attempts.incrementAndGet();
			return Flux.<String>error(new NotYetConnectedException());
		}).blockLast(Duration.ofSeconds(5)));
		assertThat(error).isInstanceOf(NotYetConnectedException.class);
		assertThat(attempts).hasValue(2);
	}

	@Test
	void notAfterTheAnswerBeganNorForOtherErrors() {
		AtomicInteger attempts = new AtomicInteger();
		Throwable midStream = catchThrowable(() -> StaleConnections.retried((answered) -> {
			attempts.incrementAndGet();
			answered.set(true);
			return Flux.concat(Flux.just("a"), Flux.<String>error(new NotYetConnectedException()));
		}).blockLast(Duration.ofSeconds(5)));
		assertThat(midStream).isInstanceOf(NotYetConnectedException.class);
		assertThat(attempts).as("frames already sent are never sent twice").hasValue(1);
		attempts.set(0);
		Throwable other = catchThrowable(() -> StaleConnections.retried((answered) -> {
			attempts.incrementAndGet();
			return Flux.<String>error(new IllegalStateException("a fault of ours"));
		}).blockLast(Duration.ofSeconds(5)));
		assertThat(other).isInstanceOf(IllegalStateException.class).hasMessage("a fault of ours");
		assertThat(attempts).hasValue(1);
	}

}
