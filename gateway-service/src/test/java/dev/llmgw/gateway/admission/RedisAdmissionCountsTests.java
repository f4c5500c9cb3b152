package dev.llmgw.gateway.admission;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.llmgw.gateway.admission.AdmissionCounts.Counted;
import dev.llmgw.gateway.budget.BudgetCheck;
import dev.llmgw.gateway.budget.BudgetKind;
import dev.llmgw.gateway.budget.BudgetPlan;
import dev.llmgw.gateway.budget.BudgetSeeds;
import dev.llmgw.gateway.budget.PendingSpend;
import dev.llmgw.gateway.budget.RedisBudgetLedger;
import dev.llmgw.gateway.ratelimit.LimitCheck;
import dev.llmgw.gateway.ratelimit.LimitKind;
import dev.llmgw.gateway.ratelimit.RedisRateLimiter;
import dev.llmgw.gateway.redis.SharedRedis;
import dev.llmgw.gateway.support.DisposableRedis;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The combined scripts (resources/scripts/call_admit.lua, call_end.lua) against a Redis
 * of this test's own, whose command counts tell how many scripts a call sends.
 */
class RedisAdmissionCountsTests extends AdmissionCountsContractTests {

	@TempDir
	static Path dir;

	private static DisposableRedis server;

	private static SharedRedis redis;

	private static AdmissionCounts counts;

	@BeforeAll
	static void start() {
		server = DisposableRedis.start(dir);
		redis = new SharedRedis(RedisURI.create("127.0.0.1", server.port()), Duration.ofSeconds(2));
		// a budget Redis has no count for starts from the spend its check carries, as
		// the database would say
		BudgetSeeds seeds = (check) -> Mono.just(check.initialNanos());
		counts = new RedisAdmissionCounts(redis, new RedisRateLimiter(redis, Clock.systemUTC(), Duration.ofSeconds(2)),
				new RedisBudgetLedger(redis, Duration.ofSeconds(2), seeds, PendingSpend.NONE));
	}

	@AfterAll
	static void stop() {
		redis.close();
		server.close();
	}

	@Override
	AdmissionCounts counts() {
		return counts;
	}

	@Test
	void aVirtualKeyCallIsTwoScriptsOneToAdmitOneToEnd() {
		// the budgets' counts exist (an earlier call made them), as on the hot path
		List<LimitCheck> limits = List.of(rpm(100), new LimitCheck("api_key", this.id, LimitKind.TOKENS, 1000),
				new LimitCheck("api_key", this.id, LimitKind.PARALLEL, 10),
				new LimitCheck("user", this.id, LimitKind.REQUESTS, 100));
		BudgetCheck key = budget(1000, 0);
		BudgetCheck user = new BudgetCheck(BudgetKind.USER, this.id, 1000, 0, 0, true, 1e-6);
		counts.end(null, 0, counts.admit(List.of(), new BudgetPlan(List.of(key, user), 1)).block().decision(), 0)
			.block();
		long before = scriptsRun();
		Counted counted = counts.admit(limits, new BudgetPlan(List.of(key, user), 10)).block();
		assertThat(counted.admission().allowed()).isTrue();
		assertThat(counted.decision().allowed()).isTrue();
		counts.end(counted.admission(), 50, counted.decision(), 5).block();
		assertThat(scriptsRun() - before).isEqualTo(2);
	}

	@Test
	void budgetsWithoutACountAreSeededFromTheDatabaseAndTheLimitsCountedOnce() {
		// every test's budget is new to Redis: the first run asks for its spend, and the
		// second admits
		Counted counted = counts.admit(List.of(rpm(2)), plan(budget(100, 30), 70)).block();
		assertThat(counted.decision().allowed()).isTrue();
		assertThat(counted.admission().remaining()).as("counted once across the two runs").containsExactly(1);
		assertThat(counts.admit(List.of(), plan(budget(100, 30), 1)).block().decision().allowed())
			.as("30 from the database and 70 reserved reach 100")
			.isFalse();
	}

	private static long scriptsRun() {
		String info = redis.commands().flatMap((commands) -> commands.info("commandstats")).block();
		Map<String, Long> calls = info.lines()
			.filter((line) -> line.startsWith("cmdstat_eval"))
			.collect(Collectors.toMap((line) -> line.substring(0, line.indexOf(':')),
					(line) -> Long.parseLong(line.replaceAll("^[^:]+:calls=(\\d+),.*", "$1"))));
		return calls.values().stream().mapToLong(Long::longValue).sum();
	}

}
