package dev.llmgw.gateway.providers.bedrock;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read timeouts Bedrock clients are built for, which a request's own timeout picks.
 */
class BedrockClientsTests {

	@Test
	void aRequestsOwnTimeoutsPickAmongFewClients() {
		assertThat(BedrockClients.bucket(Duration.ofMillis(100))).isEqualTo(Duration.ofSeconds(1));
		assertThat(BedrockClients.bucket(Duration.ofMillis(30_001))).isEqualTo(Duration.ofSeconds(31));
		assertThat(BedrockClients.bucket(Duration.ofSeconds(600))).isEqualTo(Duration.ofMinutes(10));
		assertThat(BedrockClients.bucket(Duration.ofSeconds(61))).isEqualTo(Duration.ofMinutes(2));
		assertThat(BedrockClients.bucket(Duration.ofSeconds(6000))).isEqualTo(Duration.ofSeconds(9600));
		Set<Duration> clients = new HashSet<>();
		// a caller stepping its timeout by a millisecond, from 1 ms to past a day
		for (long millis = 1; millis < 100_000_000L; millis = millis * 1001 / 1000 + 1) {
			Duration bucket = BedrockClients.bucket(Duration.ofMillis(millis));
			assertThat(bucket).isGreaterThanOrEqualTo(Duration.ofMillis(millis));
			clients.add(bucket);
		}
		clients.add(BedrockClients.bucket(Duration.ofMillis(Long.MAX_VALUE)));
		assertThat(clients).hasSizeLessThan(90);
	}

}
