package dev.llmgw.gateway.admission;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.budget.BudgetGate;
import dev.llmgw.gateway.budget.LocalBudgetLedger;
import dev.llmgw.gateway.budget.ProxyBudget;
import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.engine.CallKind;
import dev.llmgw.gateway.engine.Estimate;
import dev.llmgw.gateway.engine.ModelCall;
import dev.llmgw.gateway.error.RateLimitError;
import dev.llmgw.gateway.pricing.PriceMap;
import dev.llmgw.gateway.ratelimit.Admission;
import dev.llmgw.gateway.ratelimit.LimitCheck;
import dev.llmgw.gateway.ratelimit.LocalRateLimiter;
import dev.llmgw.gateway.ratelimit.RateLimitGate;
import dev.llmgw.gateway.ratelimit.RateLimiter;
import dev.llmgw.gateway.routing.Cooldowns;
import dev.llmgw.gateway.routing.DeploymentStats;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.routing.Router;
import dev.llmgw.gateway.routing.RoutingPolicy;
import dev.llmgw.gateway.routing.RoutingStrategy;
import dev.llmgw.model.openai.Usage;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a call's admission holds is handed back exactly once, however its request ends:
 * when its answer is complete, when its request ends, and also when the request ends
 * while the counters are still answering (the client went away while Redis was slow), so
 * that no slot outlives its call. Here the proxy allows one call at a time.
 */
class ModelCallGateTests {

	private static final GatewayConfig CONFIG = new ConfigLoader(EnvironmentLookup.of(Map.of())).parse("""
			model_list:
			  - model_name: unpriced-model
			    litellm_params: {model: openai/unpriced-model, api_base: "http://127.0.0.1:9", api_key: k}
			general_settings:
			  max_parallel_requests: 1
			""", "test");

	@Test
	void anAdmissionThatLandsAfterItsRequestEndedIsHandedBackAtOnce() {
		Sinks.Empty<Void> redisAnswers = Sinks.empty();
		AdmissionCounts counts = new LocalAdmissionCounts(answeringAfter(redisAnswers), new LocalBudgetLedger());
		ModelCallGate gate = gate(counts);
		MockServerWebExchange abandoned = exchange();
		gate.admit(abandoned, call(), (deployment) -> {
		}).subscribe();
		// the request ends before the limiter answers: its end-of-call record is read, as
		// AdmissionEndListener does
		Map<String, Object> record = Map.copyOf(abandoned.getAttributes());
		ModelCallGate.end(counts, RateLimitGate.end(record), BudgetGate.end(record), Usage.NONE, 0);
		redisAnswers.tryEmitEmpty();
		assertThat(gate.admit(exchange(), call(), (deployment) -> {
		}).block(Duration.ofSeconds(5))).as("the late admission was handed back, so the slot is free").isNotNull();
	}

	/**
	 * The client leaves while Redis answers: the request's chain is cancelled, and what
	 * Redis then grants is handed back rather than lost with it.
	 */
	@Test
	void anAdmissionThatLandsAfterItsRequestWasCancelledIsHandedBack() {
		Sinks.Empty<Void> redisAnswers = Sinks.empty();
		AdmissionCounts counts = new LocalAdmissionCounts(answeringAfter(redisAnswers), new LocalBudgetLedger());
		ModelCallGate gate = gate(counts);
		MockServerWebExchange abandoned = exchange();
		gate.admit(abandoned, call(), (deployment) -> {
		}).subscribe().dispose();
		Map<String, Object> record = Map.copyOf(abandoned.getAttributes());
		ModelCallGate.end(counts, RateLimitGate.end(record), BudgetGate.end(record), Usage.NONE, 0);
		redisAnswers.tryEmitEmpty();
		assertThat(gate.admit(exchange(), call(), (deployment) -> {
		}).block(Duration.ofSeconds(5))).as("the slot granted after the cancel was handed back").isNotNull();
	}

	@Test
	void aCallEndedEarlyIsNotHandedBackTwice() {
		AdmissionCounts counts = new LocalAdmissionCounts(new LocalRateLimiter(Clock.systemUTC()),
				new LocalBudgetLedger());
		ModelCallGate gate = gate(counts);
		MockServerWebExchange first = exchange();
		assertThat(gate.admit(first, call(), (deployment) -> {
		}).block()).isNotNull();
		// the answer is complete: the slot is handed back before the response ends
		gate.answered(first, Usage.NONE, 0);
		assertThat(gate.admit(exchange(), call(), (deployment) -> {
		}).block()).isNotNull();
		// the first call's end-of-call record comes later: nothing more is handed back,
		// so the second call still holds the only slot
		ModelCallGate.end(counts, RateLimitGate.end(Map.copyOf(first.getAttributes())),
				BudgetGate.end(Map.copyOf(first.getAttributes())), Usage.NONE, 0);
		assertThatThrownBy(() -> gate.admit(exchange(), call(), (deployment) -> {
		}).block()).isInstanceOf(RateLimitError.class);
	}

	/** Counts in process, answering only once {@code answers} completes: a slow Redis. */
	private static RateLimiter answeringAfter(Sinks.Empty<Void> answers) {
		LocalRateLimiter local = new LocalRateLimiter(Clock.systemUTC());
		return new RateLimiter() {

			@Override
			public Mono<Admission> admit(List<LimitCheck> checks) {
				return local.admit(checks).delayUntil((admission) -> answers.asMono());
			}

			@Override
			public Mono<Void> release(Admission admission, long tokens) {
				return local.release(admission, tokens);
			}

		};
	}

	private static ModelCallGate gate(AdmissionCounts counts) {
		RoutingPolicy policy = RoutingPolicy.from(CONFIG);
		Router router = new Router(
				RoutingStrategy.named("simple-shuffle", new DeploymentStats(Clock.systemUTC()), (d) -> 0),
				new Cooldowns(policy, Clock.systemUTC(), null), policy, (d) -> 0);
		BudgetGate budgets = new BudgetGate(PriceMap.load(JsonMapper.builder().build()), Clock.systemUTC(), null,
				new ProxyBudget(null, null, 0, java.time.OffsetDateTime.now(), java.time.ZoneOffset.UTC));
		return new ModelCallGate(new ModelRegistry(CONFIG), router, new RateLimitGate(1L), budgets, counts);
	}

	private static ModelCall call() {
		return new ModelCall(CallKind.CHAT, new Object(), "unpriced-model", null, "/v1/chat/completions", 10,
				(deployment) -> new Estimate(10, 10, 0), Map.of());
	}

	private static MockServerWebExchange exchange() {
		return MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions"));
	}

}
