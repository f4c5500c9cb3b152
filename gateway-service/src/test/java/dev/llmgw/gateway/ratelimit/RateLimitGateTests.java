package dev.llmgw.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.model.openai.Usage;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a call's admission holds is handed back exactly once, however its request ends:
 * also when the request ends while the limiter is still answering (the client went away
 * while Redis was slow), so that no slot outlives its call.
 */
class RateLimitGateTests {

	@Test
	void anAdmissionThatLandsAfterItsRequestEndedIsHandedBackAtOnce() {
		LocalRateLimiter local = new LocalRateLimiter(Clock.systemUTC());
		Sinks.Empty<Void> redisAnswers = Sinks.empty();
		RateLimiter slow = new RateLimiter() {

			@Override
			public Mono<Admission> admit(List<LimitCheck> checks) {
				return local.admit(checks).delayUntil((admission) -> redisAnswers.asMono());
			}

			@Override
			public Mono<Void> release(Admission admission, long tokens) {
				return local.release(admission, tokens);
			}

		};
		// one call at a time in the whole proxy
		RateLimitGate gate = new RateLimitGate(slow, 1L);
		MockServerWebExchange abandoned = exchange();
		gate.admit(abandoned, CallerIdentity.masterKey(), "gpt-4o-mini").subscribe();
		// the request ends before the limiter answers: its end-of-call record is read
		gate.end(AdmissionHold.of(Map.copyOf(abandoned.getAttributes())), Usage.NONE).block(Duration.ofSeconds(5));
		redisAnswers.tryEmitEmpty();
		Admission next = gate.admit(exchange(), CallerIdentity.masterKey(), "gpt-4o-mini").block(Duration.ofSeconds(5));
		assertThat(next.allowed()).as("the late admission was handed back, so the slot is free").isTrue();
	}

	@Test
	void aCallEndedEarlyIsNotHandedBackTwice() {
		RateLimitGate gate = new RateLimitGate(new LocalRateLimiter(Clock.systemUTC()), 1L);
		MockServerWebExchange first = exchange();
		assertThat(gate.admit(first, CallerIdentity.masterKey(), "m").block().allowed()).isTrue();
		MockServerWebExchange second = exchange();
		// the answer is complete: the slot is handed back before the response ends
		gate.end(first, Usage.NONE).block();
		assertThat(gate.admit(second, CallerIdentity.masterKey(), "m").block().allowed()).isTrue();
		// the first call's end-of-call record comes later: nothing more is handed back,
		// so the second call still holds the only slot
		gate.end(AdmissionHold.of(Map.copyOf(first.getAttributes())), Usage.NONE).block();
		assertThat(gate.admit(exchange(), CallerIdentity.masterKey(), "m").block().allowed()).isFalse();
	}

	private static MockServerWebExchange exchange() {
		return MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions"));
	}

}
