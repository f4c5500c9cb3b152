package dev.llmgw.gateway.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bound on a request's own {@code num_retries}. */
class FailoverTests {

	@Test
	void aRequestsOwnRetriesAreHonouredUpToTheBound() {
		assertThat(Failover.numRetries(null, 2)).isEqualTo(2);
		assertThat(Failover.numRetries("5", 2)).as("not a number: the configured count").isEqualTo(2);
		assertThat(Failover.numRetries(0, 2)).isZero();
		assertThat(Failover.numRetries(-3, 2)).isZero();
		assertThat(Failover.numRetries(7, 2)).isEqualTo(7);
		assertThat(Failover.numRetries(1_000_000, 2)).isEqualTo(Failover.MAX_REQUEST_RETRIES);
		assertThat(Failover.numRetries(1e300, 2)).isEqualTo(Failover.MAX_REQUEST_RETRIES);
		assertThat(Failover.numRetries(Long.MAX_VALUE, 2)).as("not wrapped to a negative int")
			.isEqualTo(Failover.MAX_REQUEST_RETRIES);
		assertThat(Failover.numRetries(50, 20)).as("a configured count above the bound is the bound").isEqualTo(20);
	}

}
