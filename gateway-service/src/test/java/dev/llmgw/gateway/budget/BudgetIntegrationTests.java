package dev.llmgw.gateway.budget;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.auth.KeyInvalidation;
import dev.llmgw.gateway.storage.AdminTables;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.AdminClient.Reply;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Budgets of keys, users and teams through one gateway (counted in process). */
class BudgetIntegrationTests extends GatewayTestBase {

	/** One "hello there" call to gpt-4o-mini: 2 prompt tokens and 4 completion tokens. */
	static final double CALL = 2 * 1.5e-7 + 4 * 6e-7;

	@Autowired
	RowStore rows;

	@Autowired
	KeyInvalidation invalidation;

	@Autowired
	BudgetResetJob resetJob;

	private AdminClient api;

	@BeforeEach
	void client() {
		this.api = new AdminClient(url(""));
	}

	@Test
	void aKeyStopsAtItsBudget() {
		String key = this.api.post("/key/generate", MASTER_KEY, Map.of("max_budget", 3 * CALL - 1e-9)).text("/key");
		assertThat(call(key).status()).isEqualTo(200);
		assertThat(call(key).status()).isEqualTo(200);
		assertThat(call(key).status()).isEqualTo(200);
		Reply refused = call(key);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text("/error/type")).isEqualTo("budget_exceeded");
		assertThat(refused.text("/error/message")).startsWith("Budget has been exceeded! Current cost: ");
		assertThat(this.api.post("/key/generate", MASTER_KEY, Map.of("max_budget", 0)).text("/key"))
			.satisfies((zero) -> assertThat(call(zero).status()).as("max_budget 0 blocks at once").isEqualTo(400));
	}

	@Test
	void aKeysBudgetForOneModel() {
		String key = this.api
			.post("/key/generate", MASTER_KEY, Map.of("model_max_budget",
					Map.of("gpt-4o-mini", Map.of("budget_limit", CALL / 2, "time_period", "1d"))))
			.text("/key");
		assertThat(call(key).status()).isEqualTo(200);
		Reply refused = call(key);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text("/error/message")).startsWith("Budget has been exceeded! Model=gpt-4o-mini");
		assertThat(this.api.chat(key, "gpt-4o").status()).as("other models are not held").isEqualTo(200);
	}

	@Test
	void aZeroBudgetUserGetsOneCall() {
		String userId = "zero-" + UUID.randomUUID();
		String key = this.api
			.post("/user/new", MASTER_KEY, Map.of("user_id", userId, "max_budget", 0, "budget_duration", "1mo"))
			.text("/key");
		assertThat(call(key).status()).as("spend is still 0").isEqualTo(200);
		Reply refused = call(key);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text("/error/message")).startsWith("ExceededBudget: User=" + userId + " over budget.");
	}

	@Test
	void aTeamBudgetHoldsForItsKeys() {
		String teamId = this.api.post("/team/new", MASTER_KEY, Map.of("max_budget", 0)).text("/team_id");
		String key = this.api.post("/key/generate", MASTER_KEY, Map.of("team_id", teamId)).text("/key");
		assertThat(call(key).status()).isEqualTo(200);
		Reply refused = call(key);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text("/error/message")).startsWith("Budget has been exceeded! Team=" + teamId);
	}

	@Test
	void endUsersHaveBudgetsAndCanBeBlocked() {
		String key = this.api.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		String customer = "customer-" + UUID.randomUUID();
		assertThat(this.api.post("/customer/new", MASTER_KEY, Map.of("user_id", customer, "max_budget", 0)).status())
			.isEqualTo(200);
		assertThat(callAs(key, customer).status()).isEqualTo(200);
		Reply refused = callAs(key, customer);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text("/error/message")).startsWith("ExceededBudget: End User=" + customer + " over budget.");
		String blocked = "blocked-" + UUID.randomUUID();
		this.api.post("/customer/new", MASTER_KEY, Map.of("user_id", blocked, "blocked", true));
		Reply refusedBlocked = callAs(key, blocked);
		assertThat(refusedBlocked.status()).isEqualTo(400);
		assertThat(refusedBlocked.text("/error/message"))
			.isEqualTo("User blocked from making LLM API Calls. User=" + blocked);
		this.api.post("/customer/unblock", MASTER_KEY, Map.of("user_ids", List.of(blocked)));
		assertThat(callAs(key, blocked).status()).as("unblocking takes effect at once").isEqualTo(200);
	}

	@Test
	void theMasterKeyAndUnpricedModelsAreExempt() {
		String key = this.api.post("/key/generate", MASTER_KEY, Map.of("max_budget", 0)).text("/key");
		assertThat(this.api.chat(key, "anthropic.claude-3-5-sonnet-20240620-v1:0").status())
			.as("no price for this deployment: no budget check")
			.isEqualTo(200);
		assertThat(call(MASTER_KEY).status()).isEqualTo(200);
	}

	@Test
	void aBudgetResetsOnSchedule() throws Exception {
		String key = this.api.post("/key/generate", MASTER_KEY, Map.of("max_budget", CALL / 2, "budget_duration", "3d"))
			.text("/key");
		assertThat(call(key).status()).isEqualTo(200);
		String token = KeyHashes.sha256Hex(key);
		awaitSpend(token);
		assertThat(call(key).status()).isEqualTo(400);
		// the period ended two days ago: the one under way (three days from that day's
		// midnight, as LiteLLM's resets fall) starts from nothing, before the reset job
		// has run
		this.rows
			.update(AdminTables.KEYS, token,
					Map.of("budget_reset_at", OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).minusMinutes(1)))
			.block();
		this.invalidation.keyChanged(token);
		assertThat(call(key).status()).isEqualTo(200);
		this.resetJob.run().block();
		Map<String, Object> row = this.rows.find(AdminTables.KEYS, token).block();
		assertThat((double) row.get("spend")).as("the job wrote the reset").isLessThan(CALL * 1.5);
		OffsetDateTime next = OffsetDateTime.now(ZoneOffset.UTC)
			.minusDays(2)
			.minusMinutes(1)
			.toLocalDate()
			.plusDays(3)
			.atStartOfDay()
			.atOffset(ZoneOffset.UTC);
		assertThat(((OffsetDateTime) row.get("budget_reset_at")).toInstant()).isEqualTo(next.toInstant());
	}

	private void awaitSpend(String token) throws InterruptedException {
		for (int i = 0; i < 50; i++) {
			Object spend = this.rows.find(AdminTables.KEYS, token).block().get("spend");
			if (spend instanceof Double value && value > 0) {
				return;
			}
			Thread.sleep(100);
		}
	}

	private Reply callAs(String key, String endUser) {
		return this.api.post("/v1/chat/completions", key, Map.of("model", "gpt-4o-mini", "max_tokens", 5, "user",
				endUser, "messages", List.of(Map.of("role", "user", "content", "hello there"))));
	}

	/** A call whose completion cap keeps the reserved estimate close to what it costs. */
	private Reply call(String key) {
		return this.api.post("/v1/chat/completions", key, Map.of("model", "gpt-4o-mini", "max_tokens", 5, "messages",
				List.of(Map.of("role", "user", "content", "hello there"))));
	}

}
