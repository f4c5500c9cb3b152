package dev.llmgw.gateway.compat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.AdminClient.Reply;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The original project's tests/management_apis_test_file.py, step for step over plain
 * HTTP: a user restricted to one model, keys generated with the user's own key, isolation
 * between users, deletion and a team's model list. Budget steps belong to the spend
 * feature and are not repeated here.
 */
class ManagementApiCompatibilityTests extends GatewayTestBase {

	private static final String ALLOWED = "anthropic.claude-3-5-sonnet-20240620-v1:0";

	private static final String RESTRICTED = "anthropic.claude-3-haiku-20240307-v1:0";

	private AdminClient api;

	@BeforeEach
	void client() {
		this.api = new AdminClient(url(""));
	}

	@Test
	void modelAccessRestrictions() {
		Reply user = createUser(Map.of("models", List.of(ALLOWED)));
		assertThat(new HashSet<>(strings(user, "models"))).isEqualTo(Set.of(ALLOWED));
		String key = user.text("/key");
		Reply allowed = this.api.chat(key, ALLOWED);
		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.text("/choices/0/message/content")).isNotEmpty();
		Reply restricted = this.api.chat(key, RESTRICTED);
		assertThat(restricted.status()).isGreaterThanOrEqualTo(400);
		assertThat(restricted.text("/error/message")).containsAnyOf("model", "access", "permission");
	}

	@Test
	void userLimitsAreEchoed() {
		Reply rates = createUser(Map.of("model_rpm_limit", Map.of(ALLOWED, 1, RESTRICTED, 1), "model_tpm_limit",
				Map.of(ALLOWED, 10000, RESTRICTED, 20000)));
		assertThat(rates.json().at("/model_rpm_limit/" + ALLOWED.replace("/", "~1")).asInt()).isEqualTo(1);
		assertThat(rates.json().at("/model_tpm_limit/" + RESTRICTED.replace("/", "~1")).asInt()).isEqualTo(20000);
		Reply limits = createUser(Map.of("tpm_limit", 10000, "rpm_limit", 10, "max_parallel_requests", 2));
		assertThat(limits.json().get("tpm_limit").asInt()).isEqualTo(10000);
		assertThat(limits.json().get("rpm_limit").asInt()).isEqualTo(10);
		Reply budget = createUser(Map.of("max_budget", 0, "budget_duration", "1mo"));
		assertThat(budget.json().get("max_budget").asDouble()).isEqualTo(0.0);
		assertThat(budget.text("/budget_duration")).isEqualTo("1mo");
	}

	@Test
	void keyGenerationWithTheUsersOwnKey() {
		Reply user = createUser(Map.of("max_budget", 100, "budget_duration", "30d", "models", List.of(ALLOWED)));
		String alias = "test_key_" + UUID.randomUUID();
		Reply generated = this.api.post("/key/generate", user.text("/key"),
				Map.of("user_id", user.text("/user_id"), "duration", "7d", "key_alias", alias, "max_budget", 50,
						"budget_duration", "7d", "models", List.of(ALLOWED), "metadata",
						Map.of("purpose", "testing", "environment", "test")));
		assertThat(generated.status()).as(generated.body()).isEqualTo(200);
		assertThat(generated.text("/key_alias")).contains("test_key_");
		assertThat(generated.json().get("max_budget").asDouble()).isEqualTo(50.0);
		assertThat(generated.text("/budget_duration")).isEqualTo("7d");
		assertThat(generated.text("/user_id")).isEqualTo(user.text("/user_id"));
		assertThat(this.api.chat(generated.text("/key"), ALLOWED).status()).isEqualTo(200);
	}

	@Test
	void keysAreIsolatedBetweenUsersAndDeletable() {
		Reply first = createUser(Map.of());
		Reply second = createUser(Map.of());
		Reply forOther = this.api.post("/key/generate", first.text("/key"), Map.of("user_id", second.text("/user_id")));
		assertThat(forOther.status()).isIn(400, 403);
		assertThat(forOther.text("/error/message").toLowerCase()).containsAnyOf("unauthorized", "permission", "access",
				"user");
		Reply extra = this.api.post("/key/generate", second.text("/key"), Map.of("user_id", second.text("/user_id")));
		assertThat(extra.status()).isEqualTo(200);
		String extraKey = extra.text("/key");

		Reply crossDelete = this.api.post("/key/delete", first.text("/key"),
				Map.of("keys", List.of(second.text("/key"), extraKey)));
		assertThat(crossDelete.status()).isGreaterThanOrEqualTo(400);
		assertThat(this.api.chat(second.text("/key"), "gpt-4o-mini").status()).isEqualTo(200);
		assertThat(this.api.chat(extraKey, "gpt-4o-mini").status()).isEqualTo(200);

		assertThat(this.api.post("/key/delete", second.text("/key"), Map.of("keys", List.of(extraKey))).status())
			.isEqualTo(200);
		assertThat(this.api.chat(extraKey, "gpt-4o-mini").status()).isEqualTo(401);
		assertThat(this.api.chat(second.text("/key"), "gpt-4o-mini").status()).isEqualTo(200);
	}

	@Test
	void teamModelsRestrictItsUsers() {
		Reply team = this.api.post("/team/new", MASTER_KEY, Map.of("team_alias", "test_team_" + UUID.randomUUID(),
				"models", List.of(ALLOWED), "tpm_limit", 10000, "rpm_limit", 10));
		assertThat(team.status()).as(team.body()).isEqualTo(200);
		Reply user = createUser(Map.of("max_budget", 100, "teams", List.of(team.text("/team_id"))));
		String key = user.text("/key");
		assertThat(this.api.chat(key, ALLOWED).status()).isEqualTo(200);
		Reply restricted = this.api.chat(key, RESTRICTED);
		assertThat(restricted.status()).isGreaterThanOrEqualTo(400);
		assertThat(restricted.text("/error/message").toLowerCase()).containsAnyOf("model", "access", "permission",
				"unauthorized");
		Reply generated = this.api.post("/key/generate", key,
				Map.of("user_id", user.text("/user_id"), "key_alias", "test_key_" + UUID.randomUUID()));
		assertThat(generated.status()).as(generated.body()).isEqualTo(200);
	}

	private Reply createUser(Map<String, Object> options) {
		Map<String, Object> body = new java.util.LinkedHashMap<>(options);
		body.put("user_email", "test_user_" + UUID.randomUUID() + "@example.com");
		body.put("user_role", "internal_user");
		Reply reply = this.api.post("/user/new", MASTER_KEY, body);
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.text("/key")).startsWith("sk-");
		assertThat(reply.text("/user_id")).isNotEmpty();
		return reply;
	}

	private static List<String> strings(Reply reply, String field) {
		List<String> values = new java.util.ArrayList<>();
		reply.json().get(field).forEach((value) -> values.add(value.asString()));
		return values;
	}

}
