package dev.llmgw.gateway.ratelimit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What every rate limiter does; run against the in-process one and the Redis scripts. */
abstract class RateLimiterContractTests {

	/** Mid-minute, so that a test never straddles two windows. */
	static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:30Z"), ZoneOffset.UTC);

	String id;

	abstract RateLimiter limiter();

	@BeforeEach
	void freshId() {
		this.id = UUID.randomUUID().toString();
	}

	@Test
	void requestsAreCountedUpToTheLimitAndRefusalsCountNothing() {
		LimitCheck rpm = new LimitCheck("api_key", this.id, LimitKind.REQUESTS, 3);
		for (int i = 2; i >= 0; i--) {
			Admission admission = limiter().admit(List.of(rpm)).block();
			assertThat(admission.allowed()).isTrue();
			assertThat(admission.remaining()[0]).isEqualTo(i);
		}
		Admission refused = limiter().admit(List.of(rpm)).block();
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.refusedBy()).isEqualTo(rpm);
		assertThat(refused.remaining()[0]).isZero();
		assertThat(refused.windowEndMillis()).isEqualTo(Instant.parse("2026-11-25T12:01:00Z").toEpochMilli());
	}

	@Test
	void aRequestIsAdmittedByAllItsLimitsOrCountedByNone() {
		LimitCheck keyRpm = new LimitCheck("api_key", this.id, LimitKind.REQUESTS, 5);
		LimitCheck userRpm = new LimitCheck("user", this.id, LimitKind.REQUESTS, 1);
		assertThat(limiter().admit(List.of(keyRpm, userRpm)).block().allowed()).isTrue();
		Admission refused = limiter().admit(List.of(keyRpm, userRpm)).block();
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.refusedBy()).isEqualTo(userRpm);
		assertThat(limiter().admit(List.of(keyRpm)).block().remaining()[0]).as("the refusal used none of the key's")
			.isEqualTo(3);
	}

	@Test
	void parallelSlotsAreFreedOnRelease() {
		LimitCheck parallel = new LimitCheck("api_key", this.id, LimitKind.PARALLEL, 2);
		Admission first = limiter().admit(List.of(parallel)).block();
		Admission second = limiter().admit(List.of(parallel)).block();
		assertThat(first.allowed()).isTrue();
		assertThat(second.allowed()).isTrue();
		assertThat(limiter().admit(List.of(parallel)).block().allowed()).isFalse();
		limiter().release(first, 0).block();
		assertThat(limiter().admit(List.of(parallel)).block().allowed()).isTrue();
	}

	@Test
	void tokensAreCountedAtTheEndAndRefuseOnceTheLimitIsReached() {
		LimitCheck tpm = new LimitCheck("api_key", this.id, LimitKind.TOKENS, 100);
		Admission first = limiter().admit(List.of(tpm)).block();
		assertThat(first.allowed()).isTrue();
		assertThat(limiter().admit(List.of(tpm)).block().allowed()).as("nothing used yet").isTrue();
		limiter().release(first, 60).block();
		Admission second = limiter().admit(List.of(tpm)).block();
		assertThat(second.allowed()).isTrue();
		assertThat(second.remaining()[0]).isEqualTo(40);
		limiter().release(second, 40).block();
		Admission refused = limiter().admit(List.of(tpm)).block();
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.refusedBy().kind()).isEqualTo(LimitKind.TOKENS);
	}

}
