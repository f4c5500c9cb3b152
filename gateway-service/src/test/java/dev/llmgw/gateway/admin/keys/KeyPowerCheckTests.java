package dev.llmgw.gateway.admin.keys;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.admin.store.KeyRow;
import dev.llmgw.gateway.admin.store.TeamRow;

import dev.llmgw.gateway.error.PermissionDeniedError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules that hold a key row to its maker's key, on rows built by hand: the corners
 * the HTTP tests do not reach (wildcards, markers that stand for every model, team lists,
 * spent budgets, periods).
 */
class KeyPowerCheckTests {

	private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 1, 10, 12, 0, 0, 0, ZoneOffset.UTC);

	@Test
	void wildcardsAreGivenOnlyAsHeld() {
		KeyPower power = power(Map.of("models", List.of("openai/*")), null);
		assertThat(apply(power, Map.of("models", List.of("openai/gpt-4o"))).get("models"))
			.isEqualTo(List.of("openai/gpt-4o"));
		assertThat(apply(power, Map.of("models", List.of("openai/*"))).get("models")).isEqualTo(List.of("openai/*"));
		assertRefused(power, Map.of("models", List.of("anthropic/*")), "models");
		assertRefused(power, Map.of("models", List.of("*")), "models");
	}

	@Test
	void markersForEveryModelAreNeverMatchedByAWildcard() {
		KeyPower power = power(Map.of("models", List.of("a*")), null);
		assertRefused(power, Map.of("models", List.of("all-proxy-models")), "models");
		assertRefused(power, Map.of("models", List.of("all-team-models")), "models");
	}

	@Test
	void leavingTheTeamInheritsTheTeamsModelsAndLimits() {
		KeyPower power = power(Map.of("models", List.of("all-team-models"), "rpm_limit", 50),
				Map.of("models", List.of("gpt-4o"), "rpm_limit", 20, "max_budget", 5, "spend", 4.5));
		Map<String, Object> row = apply(power, Map.of());
		assertThat(row.get("models")).isEqualTo(List.of("gpt-4o"));
		assertThat(row.get("rpm_limit")).isEqualTo(20L);
		assertThat(row.get("max_budget")).isEqualTo(0.5);
	}

	@Test
	void listsWithNothingInCommonGiveNothing() {
		KeyPower power = power(Map.of("models", List.of("gpt-4o")), Map.of("models", List.of("gpt-4o-mini")));
		assertRefused(power, Map.of(), "models");
	}

	@Test
	void aConfigDefaultAboveTheCallersLimitIsLowered() {
		KeyPower power = power(Map.of("max_parallel_requests", 2), null);
		Map<String, Object> row = new HashMap<>(Map.of("max_parallel_requests", 7));
		KeyPowerCheck.apply(power, row, KeyPowerCheck.FIELDS, Set.of(), NOW);
		assertThat(row.get("max_parallel_requests")).isEqualTo(2);
		assertRefused(power, Map.of("max_parallel_requests", 7), "max_parallel_requests");
	}

	@Test
	void aBudgetThatNeverResetsCannotBeGivenOneThatDoes() {
		KeyPower power = power(Map.of("max_budget", 10, "spend", 9), null);
		Map<String, Object> inherited = apply(power, Map.of());
		assertThat(inherited.get("max_budget")).isEqualTo(1.0);
		assertThat(inherited.get("budget_duration")).isNull();
		assertRefused(power, Map.of("max_budget", 1, "budget_duration", "30d"), "budget_duration");
	}

	@Test
	void anInheritedBudgetKeepsItsPeriodAndALongerOneIsAllowed() {
		KeyPower power = power(Map.of("max_budget", 10, "budget_duration", "1d"), null);
		Map<String, Object> inherited = apply(power, Map.of());
		assertThat(inherited.get("budget_duration")).isEqualTo("1d");
		assertThat(inherited.get("budget_reset_at")).as("the next midnight, as LiteLLM's daily resets")
			.isEqualTo(NOW.toLocalDate().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
		assertThat(apply(power, Map.of("budget_duration", "7d")).get("budget_duration")).isEqualTo("7d");
		assertRefused(power, Map.of("budget_duration", "12h"), "budget_duration");
	}

	@Test
	void theKeyExpiresNoLaterThanTheCallers() {
		KeyPower power = power(Map.of("expires", NOW.plusDays(1)), null);
		assertThat(apply(power, Map.of()).get("expires")).isEqualTo(NOW.plusDays(1));
		Map<String, Object> never = new HashMap<>();
		never.put("expires", null);
		never.put("duration", "-1");
		assertRefused(power, never, "duration");
	}

	@Test
	void perModelBudgetsAndLimitsAreKept() {
		KeyPower power = power(
				Map.of("model_max_budget", Map.of("gpt-4o", Map.of("budget_limit", 2, "time_period", "1d")), "metadata",
						Map.of("model_tpm_limit", Map.of("gpt-4o", 100))),
				null);
		Map<String, Object> row = apply(power, Map.of());
		assertThat(row.get("model_max_budget").toString()).isEqualTo("{gpt-4o={budget_limit=2.0, time_period=1d}}");
		assertThat(row.get("metadata").toString()).isEqualTo("{model_tpm_limit={gpt-4o=100}}");
		assertRefused(power,
				Map.of("model_max_budget", Map.of("gpt-4o", Map.of("budget_limit", 1, "time_period", "1h"))),
				"model_max_budget");
		assertRefused(power, Map.of("metadata", Map.of("model_tpm_limit", Map.of("gpt-4o", 101))), "model_tpm_limit");
	}

	private static KeyPower power(Map<String, Object> key, Map<String, Object> team) {
		return KeyPower.of(KeyRow.from(key), (team != null) ? TeamRow.from(team) : null);
	}

	/** The row of a key made with these fields explicitly set. */
	private static Map<String, Object> apply(KeyPower power, Map<String, Object> fields) {
		Map<String, Object> row = new HashMap<>(fields);
		if ("-1".equals(fields.get("duration"))) {
			row.remove("duration");
		}
		KeyPowerCheck.apply(power, row, KeyPowerCheck.FIELDS, fields.keySet(), NOW);
		return row;
	}

	private static void assertRefused(KeyPower power, Map<String, Object> fields, String param) {
		assertThatExceptionOfType(PermissionDeniedError.class).isThrownBy(() -> apply(power, fields))
			.satisfies((error) -> assertThat(error.param()).isEqualTo(param));
	}

}
