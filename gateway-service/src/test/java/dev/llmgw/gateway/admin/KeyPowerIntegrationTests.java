package dev.llmgw.gateway.admin;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.AdminClient.Reply;
import dev.llmgw.gateway.support.ExternalServices;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys cannot mint more power than they hold: the three holes found on the admin API,
 * each driven over HTTP against PostgreSQL. Each test failed before the fix: a key
 * without a user minted an unlimited key, a user put a key in a team it is not in, and an
 * owner lifted an admin's block.
 */
class KeyPowerIntegrationTests extends GatewayTestBase {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		String databaseUrl = ExternalServices.newPostgresDatabase();
		registry.add("gateway.database-url", () -> databaseUrl);
	}

	private AdminClient admin;

	private final List<String> users = new ArrayList<>();

	private final List<String> teams = new ArrayList<>();

	private final List<String> keys = new ArrayList<>();

	@BeforeEach
	void client() {
		this.admin = new AdminClient(url(""));
	}

	@AfterEach
	void cleanUp() {
		if (!this.keys.isEmpty()) {
			this.admin.post("/key/delete", MASTER_KEY, Map.of("keys", this.keys));
		}
		if (!this.teams.isEmpty()) {
			this.admin.post("/team/delete", MASTER_KEY, Map.of("team_ids", this.teams));
		}
		if (!this.users.isEmpty()) {
			this.admin.post("/user/delete", MASTER_KEY, Map.of("user_ids", this.users));
		}
	}

	@Test
	void aKeyWithoutAUserCannotMintKeys() {
		String keyless = key(MASTER_KEY, Map.of("max_budget", 1, "rpm_limit", 10, "models", List.of("gpt-4o-mini")));
		Reply minted = this.admin.post("/key/generate", keyless, Map.of());
		if (minted.status() == 200) {
			this.keys.add(minted.text("/key"));
		}
		assertForbidden(minted, "user_id", "This key has no user_id, so it cannot create keys");
	}

	@Test
	void anUnsetFieldInheritsTheCallersValueNeverUnlimited() {
		String userId = user(Map.of());
		String caller = key(MASTER_KEY,
				Map.of("user_id", userId, "models", List.of("gpt-4o-mini"), "max_budget", 2, "budget_duration", "1d",
						"rpm_limit", 10, "tpm_limit", 1000, "max_parallel_requests", 2, "duration", "1d",
						"model_rpm_limit", Map.of("gpt-4o-mini", 5), "model_max_budget",
						Map.of("gpt-4o-mini", Map.of("budget_limit", 1, "time_period", "1d"))));

		Reply minted = this.admin.post("/key/generate", caller, Map.of());
		assertThat(minted.status()).as(minted.body()).isEqualTo(200);
		this.keys.add(minted.text("/key"));
		JsonNode key = minted.json();
		assertThat(key.get("user_id").asString()).isEqualTo(userId);
		assertThat(key.get("models").get(0).asString()).isEqualTo("gpt-4o-mini");
		assertThat(key.get("models").size()).isEqualTo(1);
		assertThat(key.get("max_budget").asDouble()).isEqualTo(2.0);
		assertThat(key.get("budget_duration").asString()).isEqualTo("1d");
		assertThat(key.get("rpm_limit").asLong()).isEqualTo(10);
		assertThat(key.get("tpm_limit").asLong()).isEqualTo(1000);
		assertThat(key.get("max_parallel_requests").asInt()).as("not the config default of 7").isEqualTo(2);
		assertThat(key.at("/metadata/model_rpm_limit/gpt-4o-mini").asInt()).isEqualTo(5);
		assertThat(key.at("/model_max_budget/gpt-4o-mini/budget_limit").asDouble()).isEqualTo(1.0);
		assertThat(OffsetDateTime.parse(key.get("expires").asString()))
			.isBeforeOrEqualTo(OffsetDateTime.now().plusDays(1));
		assertThat(this.admin.chat(minted.text("/key"), "gpt-4o").status()).as("no model the caller lacks")
			.isEqualTo(401);

		assertForbidden(this.admin.post("/key/generate", caller, Map.of("models", List.of("gpt-4o"))), "models",
				"which your key may not use");
		assertForbidden(this.admin.post("/key/generate", caller, Map.of("models", List.of("all-proxy-models"))),
				"models", "which your key may not use");
		assertForbidden(this.admin.post("/key/generate", caller, Map.of("max_budget", 3)), "max_budget",
				"is above what is left of your key's budget");
		assertForbidden(this.admin.post("/key/generate", caller, Map.of("budget_duration", "1h")), "budget_duration",
				"sooner than your key's");
		assertForbidden(this.admin.post("/key/generate", caller, Map.of("rpm_limit", 11)), "rpm_limit",
				"rpm_limit=11 is above your key's rpm_limit=10");
		assertForbidden(this.admin.post("/key/generate", caller, Map.of("tpm_limit", 1001)), "tpm_limit", "tpm_limit");
		assertForbidden(this.admin.post("/key/generate", caller, Map.of("max_parallel_requests", 3)),
				"max_parallel_requests", "max_parallel_requests");
		assertForbidden(this.admin.post("/key/generate", caller, Map.of("model_rpm_limit", Map.of("gpt-4o-mini", 6))),
				"model_rpm_limit", "model_rpm_limit");
		assertForbidden(
				this.admin.post("/key/generate", caller,
						Map.of("metadata", Map.of("model_rpm_limit", Map.of("gpt-4o-mini", 6)))),
				"model_rpm_limit", "model_rpm_limit");
		assertForbidden(
				this.admin.post("/key/generate", caller,
						Map.of("model_max_budget", Map.of("gpt-4o-mini", Map.of("budget_limit", 5)))),
				"model_max_budget", "model_max_budget");
		assertForbidden(this.admin.post("/key/generate", caller, Map.of("duration", "2d")), "duration",
				"after your key does");
		assertForbidden(this.admin.post("/key/generate", caller, Map.of("permissions", Map.of("pii", false))),
				"permissions", "Only a proxy admin can set permissions");
		assertForbidden(this.admin.post("/key/generate", caller, Map.of("spend", -5)), "spend",
				"Only a proxy admin can set spend");

		Reply narrower = this.admin.post("/key/generate", caller,
				Map.of("max_budget", 1, "rpm_limit", 5, "budget_duration", "2d", "duration", "1h"));
		assertThat(narrower.status()).as(narrower.body()).isEqualTo(200);
		this.keys.add(narrower.text("/key"));

		String other = this.admin.post("/key/generate", MASTER_KEY, Map.of("user_id", userId)).text("/key");
		this.keys.add(other);
		assertForbidden(this.admin.post("/key/update", caller, Map.of("key", other, "rpm_limit", 50)), "rpm_limit",
				"above your key's");
		Map<String, Object> clear = new java.util.HashMap<>();
		clear.put("key", other);
		clear.put("max_budget", null);
		Reply cleared = this.admin.post("/key/update", caller, clear);
		assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
		assertThat(cleared.json().get("max_budget").asDouble()).as("clearing inherits, never unlimited").isEqualTo(2.0);
	}

	@Test
	void aKeyCannotClearItsOwnLimitsToWidenItself() {
		String userId = user(Map.of());
		String restricted = key(MASTER_KEY,
				Map.of("user_id", userId, "models", List.of("gpt-4o-mini"), "tpm_limit", 10, "max_budget", 1));
		Map<String, Object> cleared = new java.util.HashMap<>();
		cleared.put("key", restricted);
		cleared.put("models", List.of());
		cleared.put("tpm_limit", null);
		cleared.put("max_budget", null);
		Reply updated = this.admin.post("/key/update", restricted, cleared);
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		JsonNode stored = this.admin.get("/key/info?key=" + restricted, MASTER_KEY).json().get("info");
		assertThat(stored.get("models").toString()).isEqualTo("[\"gpt-4o-mini\"]");
		assertThat(stored.get("tpm_limit").asLong()).isEqualTo(10);
		assertThat(stored.get("max_budget").isNull()).as("cleared budget held to the key's own").isFalse();
		assertThat(this.admin.chat(restricted, "gpt-4o").status()).as("still no other model").isEqualTo(401);
	}

	@Test
	void aBudgetThatIsNotANumberIsRefusedAndASiblingWiderKeyCannotBeRegenerated() {
		String userId = user(Map.of());
		String restricted = key(MASTER_KEY,
				Map.of("user_id", userId, "models", List.of("gpt-4o-mini"), "max_budget", 1));
		for (Object notANumber : List.of("NaN", "Infinity", "-Infinity")) {
			Reply refused = this.admin.post("/key/update", restricted,
					Map.of("key", restricted, "max_budget", notANumber));
			assertThat(refused.status()).as(notANumber + ": " + refused.body()).isEqualTo(400);
		}
		// a sibling key of the same user with no limits: the restricted key may not take
		// it over
		String wide = key(MASTER_KEY, Map.of("user_id", userId));
		String wideHash = dev.llmgw.gateway.auth.KeyHashes.sha256Hex(wide);
		Reply takeover = this.admin.post("/key/regenerate", restricted, Map.of("key", wideHash));
		assertThat(takeover.status()).as(takeover.body()).isEqualTo(403);
		assertThat(this.admin.chat(wide, "gpt-4o").status()).as("the wide key still works, unchanged").isEqualTo(200);
		// its own key it may regenerate
		Reply own = this.admin.post("/key/regenerate", restricted, Map.of("key", restricted));
		assertThat(own.status()).as(own.body()).isEqualTo(200);
		this.keys.add(own.text("/key"));
	}

	@Test
	void aKeysNewMetadataKeepsWhatGovernsIt() {
		String userId = user(Map.of());
		String governed = key(MASTER_KEY, Map.of("user_id", userId, "model_rpm_limit", Map.of("gpt-4o-mini", 1),
				"enforced_params", List.of("user"), "metadata", Map.of("team", "search")));
		Reply updated = this.admin.post("/key/update", governed, Map.of("key", governed, "rpm_limit_type", "x"));
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		JsonNode metadata = this.admin.get("/key/info?key=" + governed, MASTER_KEY).json().at("/info/metadata");
		assertThat(metadata.at("/model_rpm_limit/gpt-4o-mini").asInt()).isEqualTo(1);
		assertThat(metadata.at("/enforced_params/0").asString()).isEqualTo("user");
		assertThat(metadata.at("/rpm_limit_type").asString()).isEqualTo("x");
		Reply emptied = this.admin.post("/key/update", governed, Map.of("key", governed, "metadata", Map.of()));
		assertThat(emptied.status()).as(emptied.body()).isEqualTo(200);
		assertThat(this.admin.get("/key/info?key=" + governed, MASTER_KEY)
			.json()
			.at("/info/metadata/enforced_params/0")
			.asString()).isEqualTo("user");
		Reply dropped = this.admin.post("/key/update", governed, Map.of("key", governed, "enforced_params", List.of()));
		assertThat(dropped.status()).as(dropped.body()).isEqualTo(403);
	}

	@Test
	void aTeamKeyHolderCannotShedItsTeamsLimitsWithAPersonalKey() {
		String team = team(Map.of("models", List.of("gpt-4o-mini"), "rpm_limit", 20, "max_budget", 4));
		String userId = user(Map.of("teams", List.of(team)));
		String teamKey = key(MASTER_KEY, Map.of("user_id", userId, "team_id", team));
		Reply personal = this.admin.post("/key/generate", teamKey, Map.of());
		assertThat(personal.status()).as(personal.body()).isEqualTo(200);
		this.keys.add(personal.text("/key"));
		assertThat(personal.json().get("team_id").isNull()).isTrue();
		assertThat(personal.json().get("models").toString()).isEqualTo("[\"gpt-4o-mini\"]");
		assertThat(personal.json().get("rpm_limit").asLong()).isEqualTo(20);
		assertThat(personal.json().get("max_budget").asDouble()).isEqualTo(4.0);
		assertThat(this.admin.chat(personal.text("/key"), "gpt-4o").status()).isEqualTo(401);
	}

	@Test
	void teamKeysNeedTeamMembership() {
		String victimTeam = team(Map.of("max_budget", 100));
		String victim = user(Map.of("teams", List.of(victimTeam)));
		String attackerId = user(Map.of());
		String attacker = key(MASTER_KEY, Map.of("user_id", attackerId));

		Reply generated = this.admin.post("/key/generate", attacker, Map.of("team_id", victimTeam));
		if (generated.status() == 200) {
			this.keys.add(generated.text("/key"));
		}
		assertForbidden(generated, "team_id",
				"User=" + attackerId + " is not a member of the team=" + victimTeam + ".");

		String own = key(MASTER_KEY, Map.of("user_id", attackerId));
		assertForbidden(this.admin.post("/key/update", attacker, Map.of("key", own, "team_id", victimTeam)), "team_id",
				"is not a member of the team=" + victimTeam);
		assertForbidden(this.admin.post("/key/regenerate", attacker, Map.of("key", own, "team_id", victimTeam)),
				"team_id", "is not a member of the team=" + victimTeam);
		assertThat(this.admin.get("/key/info?key=" + own, MASTER_KEY).json().at("/info/team_id").isNull())
			.as("the key stayed out of the team")
			.isTrue();

		String memberKey = key(MASTER_KEY, Map.of("user_id", victim));
		Reply member = this.admin.post("/key/generate", memberKey, Map.of("team_id", victimTeam));
		assertThat(member.status()).as("members may make team keys: " + member.body()).isEqualTo(200);
		this.keys.add(member.text("/key"));
		Reply moved = this.admin.post("/key/update", memberKey,
				Map.of("key", key(MASTER_KEY, Map.of("user_id", victim)), "team_id", victimTeam));
		assertThat(moved.status()).as(moved.body()).isEqualTo(200);
	}

	@Test
	void anAdminsBlockIsLiftedOnlyByAnAdmin() {
		String userId = user(Map.of());
		String caller = key(MASTER_KEY, Map.of("user_id", userId));
		String blocked = key(MASTER_KEY, Map.of("user_id", userId));
		assertThat(this.admin.post("/key/block", MASTER_KEY, Map.of("key", blocked)).status()).isEqualTo(200);

		assertForbidden(this.admin.post("/key/unblock", caller, Map.of("key", blocked)), "key",
				"This key was blocked by a proxy admin, so only they can unblock it.");
		assertForbidden(this.admin.post("/key/update", caller, Map.of("key", blocked, "blocked", false)), "key",
				"blocked by a proxy admin");
		assertThat(this.admin.post("/key/block", caller, Map.of("key", blocked)).status())
			.as("blocking again keeps the admin's block")
			.isEqualTo(200);
		assertForbidden(this.admin.post("/key/unblock", caller, Map.of("key", blocked)), "key", "proxy admin");
		assertThat(this.admin.chat(blocked, "gpt-4o-mini").status()).isEqualTo(401);

		assertThat(this.admin.post("/key/unblock", MASTER_KEY, Map.of("key", blocked)).status()).isEqualTo(200);
		assertThat(this.admin.chat(blocked, "gpt-4o-mini").status()).isEqualTo(200);

		assertThat(this.admin.post("/key/block", caller, Map.of("key", blocked)).status()).isEqualTo(200);
		assertThat(this.admin.post("/key/unblock", caller, Map.of("key", blocked)).status())
			.as("an owner lifts its own block")
			.isEqualTo(200);
	}

	@Test
	void aTeamAdminsBlockIsLiftedByATeamAdminNotByTheMember() {
		String team = team(Map.of());
		String adminId = user(Map.of());
		String memberId = user(Map.of());
		this.admin.post("/team/member_add", MASTER_KEY,
				Map.of("team_id", team, "member", Map.of("user_id", adminId, "role", "admin")));
		this.admin.post("/team/member_add", MASTER_KEY,
				Map.of("team_id", team, "member", Map.of("user_id", memberId, "role", "user")));
		String teamAdmin = key(MASTER_KEY, Map.of("user_id", adminId));
		String member = key(MASTER_KEY, Map.of("user_id", memberId));
		String teamKey = key(MASTER_KEY, Map.of("user_id", memberId, "team_id", team));

		Reply block = this.admin.post("/key/block", teamAdmin, Map.of("key", teamKey));
		assertThat(block.status()).as(block.body()).isEqualTo(200);
		assertThat(block.text("/blocked_by")).isEqualTo("team_admin");
		assertForbidden(this.admin.post("/key/unblock", member, Map.of("key", teamKey)), "key",
				"blocked by an admin of team=" + team);
		Reply unblock = this.admin.post("/key/unblock", teamAdmin, Map.of("key", teamKey));
		assertThat(unblock.status()).as(unblock.body()).isEqualTo(200);
		assertThat(this.admin.chat(teamKey, "gpt-4o-mini").status()).isEqualTo(200);
	}

	@Test
	void aChosenKeyAlreadyInUseIsA400NotA500() {
		String chosen = "sk-chosen-" + java.util.UUID.randomUUID();
		key(MASTER_KEY, Map.of("key", chosen));
		Reply again = this.admin.post("/key/generate", MASTER_KEY, Map.of("key", chosen));
		assertThat(again.status()).as(again.body()).isEqualTo(400);
		assertThat(again.text("/error/param")).isEqualTo("key");
		assertThat(again.text("/error/message")).contains("This key already exists");
	}

	private String user(Map<String, Object> options) {
		String userId = "power-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> body = new LinkedHashMap<>(options);
		body.put("user_id", userId);
		body.put("auto_create_key", false);
		Reply reply = this.admin.post("/user/new", MASTER_KEY, body);
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		this.users.add(userId);
		return userId;
	}

	private String team(Map<String, Object> options) {
		Reply reply = this.admin.post("/team/new", MASTER_KEY, options);
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		this.teams.add(reply.text("/team_id"));
		return reply.text("/team_id");
	}

	private String key(String caller, Map<String, Object> body) {
		Reply reply = this.admin.post("/key/generate", caller, body);
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		this.keys.add(reply.text("/key"));
		return reply.text("/key");
	}

	private static void assertForbidden(Reply reply, String param, String message) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(403);
		assertThat(reply.text("/error/code")).isEqualTo("403");
		assertThat(reply.text("/error/param")).isEqualTo(param);
		assertThat(reply.text("/error/message")).contains(message);
	}

}
