package dev.llmgw.gateway.admin;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.auth.KeyInvalidation;
import dev.llmgw.gateway.storage.AdminTables;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.AdminClient.Reply;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API over HTTP, as admin scripts drive it, on the embedded database ({@code
 * AdminApiPostgresIntegrationTests} runs the same tests on PostgreSQL).
 */
class AdminApiIntegrationTests extends GatewayTestBase {

	@Autowired
	RowStore rows;

	@Autowired
	KeyInvalidation invalidation;

	AdminClient admin;

	@BeforeEach
	void client() {
		this.admin = new AdminClient(url(""));
	}

	@Test
	void theKeyListPagesNewestFirstWithoutGapsOrRepeats() {
		String userId = unique("pager");
		List<String> made = new java.util.ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Reply key = this.admin.post("/key/generate", MASTER_KEY, Map.of("user_id", userId));
			assertThat(key.status()).as(key.body()).isEqualTo(200);
			made.add(key.text("/token"));
		}
		List<String> listed = new java.util.ArrayList<>();
		List<java.util.Map.Entry<java.time.OffsetDateTime, String>> created = new java.util.ArrayList<>();
		for (int page = 1; page <= 3; page++) {
			Reply list = this.admin.get("/key/list?return_full_object=true&size=2&page=" + page + "&user_id=" + userId,
					MASTER_KEY);
			assertThat(list.json().get("total_count").asInt()).isEqualTo(5);
			assertThat(list.json().get("total_pages").asInt()).isEqualTo(3);
			list.json().get("keys").forEach((key) -> {
				listed.add(key.get("token").asString());
				created.add(Map.entry(java.time.OffsetDateTime.parse(key.get("created_at").asString()),
						key.get("token").asString()));
			});
		}
		assertThat(listed).containsExactlyInAnyOrderElementsOf(made);
		assertThat(created).as("newest first, then by token")
			.isSortedAccordingTo(java.util.Map.Entry.<java.time.OffsetDateTime, String>comparingByKey()
				.thenComparing(java.util.Map.Entry.comparingByValue())
				.reversed());
	}

	@Test
	void keyLifecycle() {
		Reply generated = this.admin.post("/key/generate", MASTER_KEY,
				Map.of("models", List.of("gpt-4o-mini"), "max_budget", 10, "duration", "30d", "key_alias",
						unique("alias"), "metadata", Map.of("team", "blue"), "model_rpm_limit",
						Map.of("gpt-4o-mini", 5)));
		assertThat(generated.status()).as(generated.body()).isEqualTo(200);
		JsonNode body = generated.json();
		String key = body.get("key").asString();
		assertThat(key).startsWith("sk-").hasSize(25);
		assertThat(body.get("key_name").asString()).isEqualTo("sk-..." + key.substring(21));
		assertThat(body.get("token").asString()).isEqualTo(KeyHashes.sha256Hex(key));
		assertThat(body.get("token_id").asString()).isEqualTo(KeyHashes.sha256Hex(key));
		assertThat(body.has("tpm_limit")).as("every field present").isTrue();
		assertThat(body.get("tpm_limit").isNull()).isTrue();
		assertThat(body.get("max_parallel_requests").asInt()).as("default_key_generate_params").isEqualTo(7);
		assertThat(body.get("expires").asString()).isNotEmpty();
		assertThat(body.at("/metadata/model_rpm_limit/gpt-4o-mini").asInt()).isEqualTo(5);

		assertThat(this.admin.chat(key, "gpt-4o-mini").status()).isEqualTo(200);
		Reply denied = this.admin.chat(key, "gpt-4o");
		assertThat(denied.status()).isEqualTo(401);
		assertThat(denied.text("/error/type")).isEqualTo("key_model_access_denied");
		assertThat(denied.text("/error/message")).isEqualTo(
				"key not allowed to access model. This key can only access models=['gpt-4o-mini']. Tried to access gpt-4o");
		assertThat(modelIds(key)).containsExactly("gpt-4o-mini", "gpt-4");
		assertThat(this.admin.chat(key, "gpt-4").status()).as("an alias of an allowed group").isEqualTo(200);

		Reply info = this.admin.get("/key/info?key=" + key, MASTER_KEY);
		assertThat(info.status()).isEqualTo(200);
		assertThat(info.text("/info/key_name")).isEqualTo(body.get("key_name").asString());
		assertThat(info.json().get("info").has("token")).isFalse();
		assertThat(info.json().get("info").toString()).as("the stored row never holds the key").doesNotContain(key);
		assertThat(this.admin.get("/key/info?key=" + KeyHashes.sha256Hex(key), MASTER_KEY).status()).isEqualTo(200);
		assertThat(this.admin.get("/key/info", key).text("/key")).as("own key by its hash")
			.isEqualTo(KeyHashes.sha256Hex(key));

		Reply updated = this.admin.post("/key/update", MASTER_KEY, Map.of("key", key, "models", List.of("gpt-4o")));
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(this.admin.chat(key, "gpt-4o").status()).as("takes effect at once").isEqualTo(200);

		assertThat(this.admin.post("/key/block", MASTER_KEY, Map.of("key", key)).status()).isEqualTo(200);
		Reply blocked = this.admin.chat(key, "gpt-4o");
		assertThat(blocked.status()).isEqualTo(401);
		assertThat(blocked.text("/error/message")).contains("Key is blocked");
		assertThat(this.admin.post("/key/unblock", MASTER_KEY, Map.of("key", key)).status()).isEqualTo(200);
		assertThat(this.admin.chat(key, "gpt-4o").status()).isEqualTo(200);

		Reply regenerated = this.admin.post("/key/regenerate", MASTER_KEY, Map.of("key", key));
		assertThat(regenerated.status()).as(regenerated.body()).isEqualTo(200);
		String newKey = regenerated.text("/key");
		assertThat(newKey).isNotEqualTo(key);
		assertThat(this.admin.chat(key, "gpt-4o").status()).isEqualTo(401);
		assertThat(this.admin.chat(newKey, "gpt-4o").status()).isEqualTo(200);

		Reply deleted = this.admin.post("/key/delete", MASTER_KEY, Map.of("keys", List.of(newKey)));
		assertThat(deleted.status()).isEqualTo(200);
		assertThat(deleted.json().get("deleted_keys").get(0).asString()).isEqualTo(newKey);
		Reply gone = this.admin.chat(newKey, "gpt-4o");
		assertThat(gone.status()).isEqualTo(401);
		assertThat(gone.text("/error/type")).isEqualTo("token_not_found_in_db");
		assertThat(this.admin.get("/key/info?key=" + newKey, MASTER_KEY).status()).isEqualTo(404);
	}

	@Test
	void keyValidation() {
		assertBadRequest(this.admin.post("/key/generate", MASTER_KEY, Map.of("max_budget", -1)), "max_budget",
				"max_budget cannot be negative");
		assertBadRequest(this.admin.post("/key/generate", MASTER_KEY, Map.of("models", "gpt-4o")), "models",
				"expected a list");
		assertBadRequest(this.admin.post("/key/generate", MASTER_KEY, Map.of("rpm_limit", "fast")), "rpm_limit",
				"Invalid value for rpm_limit");
		assertBadRequest(this.admin.post("/key/generate", MASTER_KEY, Map.of("team_id", "no-such-team")), "team_id",
				"Team not found");
		assertBadRequest(this.admin.post("/key/generate", MASTER_KEY, Map.of("duration", "1week")), "duration",
				"invalid duration");
		assertBadRequest(this.admin.post("/key/generate", MASTER_KEY, Map.of("key", "not-sk")), "key",
				"must start with 'sk-'");
		assertBadRequest(this.admin.post("/key/generate", MASTER_KEY, Map.of("max_budget", 5000)), "max_budget",
				"max_budget is over max limit set in config - user_value=5000; max_value=1000");
		assertBadRequest(this.admin.post("/key/generate", MASTER_KEY, "{not json"), null, "Malformed JSON");
		String alias = unique("dup");
		assertThat(this.admin.post("/key/generate", MASTER_KEY, Map.of("key_alias", alias)).status()).isEqualTo(200);
		assertBadRequest(this.admin.post("/key/generate", MASTER_KEY, Map.of("key_alias", alias)), "key_alias",
				"Key with alias '" + alias + "' already exists");
		assertThat(this.admin.post("/key/update", MASTER_KEY, Map.of("key", "sk-unknown-key-12345")).status())
			.isEqualTo(404);
		assertBadRequest(this.admin.post("/key/delete", MASTER_KEY, Map.of()), "keys", "Send 'keys'");
	}

	@Test
	void expiredKeysAre401() {
		String key = this.admin.post("/key/generate", MASTER_KEY, Map.of("duration", "30d")).text("/key");
		String token = KeyHashes.sha256Hex(key);
		this.rows.update(AdminTables.KEYS, token, Map.of("expires", OffsetDateTime.now().minusMinutes(1))).block();
		this.invalidation.keyChanged(token);
		Reply expired = this.admin.chat(key, "gpt-4o-mini");
		assertThat(expired.status()).isEqualTo(401);
		assertThat(expired.text("/error/type")).isEqualTo("expired_key");
		assertThat(expired.text("/error/message")).startsWith("Authentication Error - Expired Key.");
	}

	@Test
	void usersTheirKeysAndTheirRoles() {
		String userId = unique("user");
		Reply created = this.admin.post("/user/new", MASTER_KEY, Map.of("user_id", userId, "user_email",
				userId + "@Example.com", "max_budget", 20, "budget_duration", "1mo", "models", List.of("gpt-4o-mini")));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		JsonNode user = created.json();
		String userKey = user.get("key").asString();
		assertThat(user.get("user_id").asString()).isEqualTo(userId);
		assertThat(user.get("user_role").asString()).isEqualTo("internal_user");
		assertThat(user.get("max_budget").asDouble()).isEqualTo(20.0);
		assertThat(user.get("budget_duration").asString()).isEqualTo("1mo");
		assertThat(user.get("token").isNull()).isTrue();
		assertThat(this.admin.chat(userKey, "gpt-4o-mini").status()).isEqualTo(200);
		assertThat(this.admin.chat(userKey, "gpt-4o").text("/error/type")).isEqualTo("key_model_access_denied");

		assertThat(this.admin.post("/user/new", MASTER_KEY, Map.of("user_id", userId)).status()).isEqualTo(409);
		assertBadRequest(this.admin.post("/user/new", MASTER_KEY, Map.of("user_role", "superuser")), "user_role",
				"Invalid user_role");

		Reply notAdmin = this.admin.post("/user/new", userKey, Map.of("user_id", unique("x")));
		assertThat(notAdmin.status()).isEqualTo(401);
		assertThat(notAdmin.text("/error/message")).contains("Only proxy admin can be used")
			.contains("Route=/user/new")
			.contains("Your role=internal_user");
		assertThat(this.admin.post("/team/new", userKey, Map.of()).status()).isEqualTo(401);
		assertThat(this.admin.get("/user/list", userKey).status()).isEqualTo(401);

		Reply self = this.admin.get("/user/info", userKey);
		assertThat(self.status()).isEqualTo(200);
		assertThat(self.text("/user_info/user_email")).isEqualTo(userId.toLowerCase() + "@example.com");
		assertThat(self.json().get("keys").size()).isEqualTo(1);
		assertThat(this.admin.get("/user/info?user_id=someone-else", userKey).status()).isEqualTo(403);

		Reply own = this.admin.post("/key/generate", userKey, Map.of("key_alias", unique("own"), "max_budget", 5));
		assertThat(own.status()).as(own.body()).isEqualTo(200);
		assertThat(own.text("/user_id")).isEqualTo(userId);
		Reply raise = this.admin.post("/key/generate", userKey, Map.of("max_budget", 500));
		assertThat(raise.status()).isEqualTo(403);
		assertThat(raise.text("/error/message")).contains("cannot raise their own limits");
		Reply forOther = this.admin.post("/key/generate", userKey, Map.of("user_id", "someone-else"));
		assertThat(forOther.status()).isEqualTo(403);
		assertThat(forOther.text("/error/message"))
			.isEqualTo("User can only create keys for themselves. Got user_id=someone-else, Your ID=" + userId);
		Reply list = this.admin.get("/key/list", userKey);
		assertThat(list.json().get("total_count").asInt()).isEqualTo(2);

		Reply update = this.admin.post("/user/update", MASTER_KEY, Map.of("user_id", userId, "max_budget", 30));
		assertThat(update.status()).isEqualTo(200);
		assertThat(update.json().at("/data/max_budget").asDouble()).isEqualTo(30.0);
		Reply users = this.admin.get("/user/list?page_size=100", MASTER_KEY);
		assertThat(users.body()).contains(userId);

		Reply deleted = this.admin.post("/user/delete", MASTER_KEY, Map.of("user_ids", List.of(userId)));
		assertThat(deleted.status()).isEqualTo(200);
		assertThat(this.admin.chat(userKey, "gpt-4o-mini").status()).as("the user's keys go with it").isEqualTo(401);
		assertThat(this.admin.get("/user/info?user_id=" + userId, MASTER_KEY).status()).isEqualTo(404);
	}

	@Test
	void oneUsersKeyCannotTouchAnothersKeys() {
		String alice = this.admin.post("/user/new", MASTER_KEY, Map.of("user_id", unique("alice"))).text("/key");
		String bob = this.admin.post("/user/new", MASTER_KEY, Map.of("user_id", unique("bob"))).text("/key");
		assertThat(this.admin.get("/key/info?key=" + bob, alice).status()).isEqualTo(403);
		assertThat(this.admin.post("/key/update", alice, Map.of("key", bob, "metadata", Map.of("x", 1))).status())
			.isEqualTo(403);
		assertThat(this.admin.post("/key/delete", alice, Map.of("keys", List.of(bob))).status()).isEqualTo(403);
		assertThat(this.admin.post("/key/block", alice, Map.of("key", bob)).status()).isEqualTo(403);
		assertThat(this.admin.chat(bob, "gpt-4o-mini").status()).as("still works").isEqualTo(200);
		assertThat(this.admin.get("/key/list", alice).body()).doesNotContain(KeyHashes.sha256Hex(bob));
		assertThat(this.admin.post("/key/update", alice, Map.of("key", alice, "metadata", Map.of("x", 1))).status())
			.isEqualTo(200);
	}

	@Test
	void viewersOnlyRead() {
		String viewer = this.admin
			.post("/user/new", MASTER_KEY, Map.of("user_id", unique("viewer"), "user_role", "proxy_admin_viewer"))
			.text("/key");
		assertThat(this.admin.get("/user/list", viewer).status()).isEqualTo(200);
		assertThat(this.admin.get("/key/list", viewer).status()).isEqualTo(200);
		assertThat(this.admin.post("/user/new", viewer, Map.of()).status()).isEqualTo(401);
		assertThat(this.admin.post("/key/generate", viewer, Map.of()).status()).isEqualTo(401);
	}

	@Test
	void teamsMembersAndTheirModels() {
		String teamId = unique("team");
		Reply team = this.admin.post("/team/new", MASTER_KEY,
				Map.of("team_id", teamId, "team_alias", "blue", "models", List.of("gpt-4o"), "max_budget", 50));
		assertThat(team.status()).as(team.body()).isEqualTo(200);
		assertThat(team.text("/team_id")).isEqualTo(teamId);
		assertThat(this.admin.post("/team/new", MASTER_KEY, Map.of("team_id", teamId)).text("/error/message"))
			.isEqualTo("Team id = " + teamId + " already exists. Please use a different team id.");

		String member = unique("member");
		Reply added = this.admin.post("/team/member_add", MASTER_KEY,
				Map.of("team_id", teamId, "member", Map.of("user_id", member, "role", "user")));
		assertThat(added.status()).as(added.body()).isEqualTo(200);
		assertThat(added.body()).contains(member);
		assertThat(this.admin.get("/user/info?user_id=" + member, MASTER_KEY).status()).as("member upserted")
			.isEqualTo(200);
		assertThat(this.admin
			.post("/team/member_add", MASTER_KEY, Map.of("team_id", teamId, "member", Map.of("user_id", member)))
			.status()).isEqualTo(400);

		String key = this.admin.post("/key/generate", MASTER_KEY, Map.of("team_id", teamId, "user_id", member))
			.text("/key");
		assertThat(this.admin.chat(key, "gpt-4o").status()).isEqualTo(200);
		Reply denied = this.admin.chat(key, "gpt-4o-mini");
		assertThat(denied.status()).isEqualTo(401);
		assertThat(denied.text("/error/type")).isEqualTo("team_model_access_denied");
		assertThat(modelIds(key)).containsExactly("gpt-4o");

		Reply info = this.admin.get("/team/info?team_id=" + teamId, key);
		assertThat(info.status()).as("members read their team").isEqualTo(200);
		assertThat(info.json().get("keys").size()).isEqualTo(1);
		assertThat(this.admin.get("/team/list", MASTER_KEY).body()).contains(teamId);

		assertThat(this.admin.post("/team/update", MASTER_KEY, Map.of("team_id", teamId, "models", List.of())).status())
			.isEqualTo(200);
		assertThat(this.admin.chat(key, "gpt-4o-mini").status()).as("team change takes effect at once").isEqualTo(200);

		assertThat(this.admin.post("/team/block", MASTER_KEY, Map.of("team_id", teamId)).status()).isEqualTo(200);
		assertThat(this.admin.chat(key, "gpt-4o").text("/error/message")).contains("Team=" + teamId + " is blocked");
		assertThat(this.admin.post("/team/unblock", MASTER_KEY, Map.of("team_id", teamId)).status()).isEqualTo(200);

		assertThat(this.admin.post("/team/member_delete", MASTER_KEY, Map.of("team_id", teamId, "user_id", member))
			.status()).isEqualTo(200);
		assertThat(this.admin.post("/team/delete", MASTER_KEY, Map.of("team_ids", List.of(teamId))).status())
			.isEqualTo(200);
		assertThat(this.admin.chat(key, "gpt-4o").status()).as("the team's keys go with it").isEqualTo(401);
		assertThat(this.admin.get("/team/info?team_id=" + teamId, MASTER_KEY).status()).isEqualTo(404);
	}

	@Test
	void teamMembersModelsAndPagesAsLiteLlmScriptsUseThem() {
		String teamId = unique("paged");
		String alias = unique("Pager_%");
		assertThat(this.admin.post("/team/new", MASTER_KEY, Map.of("team_id", teamId, "team_alias", alias)).status())
			.isEqualTo(200);
		String member = unique("m");
		this.admin.post("/team/member_add", MASTER_KEY,
				Map.of("team_id", teamId, "member", Map.of("user_id", member, "role", "user")));
		String memberKey = this.admin.post("/key/generate", MASTER_KEY, Map.of("user_id", member)).text("/key");

		// a plain member may not change the team; made its admin, it may
		Reply notAdmin = this.admin.post("/team/member_update", memberKey,
				Map.of("team_id", teamId, "user_id", member, "role", "admin"));
		assertThat(notAdmin.status()).as(notAdmin.body()).isEqualTo(403);
		Reply promoted = this.admin.post("/team/member_update", MASTER_KEY,
				Map.of("team_id", teamId, "user_id", member, "role", "admin"));
		assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
		assertThat(promoted.text("/user_id")).isEqualTo(member);
		assertThat(promoted.text("/team_id")).isEqualTo(teamId);
		assertThat(
				this.admin.get("/team/info?team_id=" + teamId, MASTER_KEY).text("/team_info/members_with_roles/0/role"))
			.isEqualTo("admin");
		assertThat(this.admin
			.post("/team/member_update", memberKey, Map.of("team_id", teamId, "user_id", member, "role", "user"))
			.status()).as("a team admin may").isEqualTo(200);
		assertBadRequest(
				this.admin.post("/team/member_update", MASTER_KEY,
						Map.of("team_id", teamId, "user_id", member, "max_budget_in_team", 5)),
				"max_budget_in_team", "not supported");
		assertBadRequest(this.admin.post("/team/member_update", MASTER_KEY, Map.of("team_id", teamId)), "user_id",
				"Either user id or user email");
		assertBadRequest(this.admin.post("/team/member_update", MASTER_KEY,
				Map.of("team_id", "no-such-team", "user_id", member)), "team_id", "does not exist");
		assertThat(this.admin
			.post("/team/member_update", MASTER_KEY, Map.of("team_id", teamId, "user_id", unique("stranger")))
			.status()).isEqualTo(404);

		// models: a team with every model keeps every model when one is added
		Reply added = this.admin.post("/team/model/add", MASTER_KEY,
				Map.of("team_id", teamId, "models", List.of("gpt-4o", "gpt-4o")));
		assertThat(added.status()).as(added.body()).isEqualTo(200);
		assertThat(added.json().get("models").toString()).isEqualTo("[\"all-proxy-models\",\"gpt-4o\"]");
		Reply removed = this.admin.post("/team/model/delete", MASTER_KEY,
				Map.of("team_id", teamId, "models", List.of("all-proxy-models")));
		assertThat(removed.json().get("models").toString()).isEqualTo("[\"gpt-4o\"]");
		assertBadRequest(this.admin.post("/team/model/delete", MASTER_KEY,
				Map.of("team_id", teamId, "models", List.of("gpt-4o"))), "models", "allows every model");
		String teamKey = this.admin.post("/key/generate", MASTER_KEY, Map.of("team_id", teamId)).text("/key");
		assertThat(this.admin.chat(teamKey, "gpt-4o-mini").status()).as("the list is enforced").isEqualTo(401);
		assertThat(this.admin.post("/team/model/add", memberKey, Map.of("team_id", teamId, "models", List.of("x")))
			.status()).isEqualTo(401);
		assertThat(this.admin.post("/team/model/add", MASTER_KEY, Map.of("team_id", "nope", "models", List.of("x")))
			.status()).isEqualTo(404);

		// pages: the alias's wildcards are literal, the member sees its own teams only
		Reply page = this.admin
			.get("/v2/team/list?team_alias=" + alias.toUpperCase().replace("%", "%25") + "&page_size=1", MASTER_KEY);
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		assertThat(page.json().get("teams").size()).isEqualTo(1);
		assertThat(page.text("/teams/0/team_id")).isEqualTo(teamId);
		assertThat(page.json().get("total").asLong()).isEqualTo(1);
		assertThat(page.json().get("total_pages").asLong()).isEqualTo(1);
		assertThat(page.json().get("page_size").asInt()).isEqualTo(1);
		assertThat(this.admin.get("/v2/team/list?team_alias=Pager_x", MASTER_KEY).json().get("total").asLong())
			.as("_ and % match only themselves")
			.isZero();
		Reply all = this.admin.get("/v2/team/list?page_size=2&page=1&sort_by=team_id&sort_order=asc", MASTER_KEY);
		assertThat(all.json().get("teams").size()).isLessThanOrEqualTo(2);
		Reply mine = this.admin.get("/v2/team/list", memberKey);
		assertThat(mine.json().get("total").asLong()).isEqualTo(1);
		assertThat(this.admin.get("/v2/team/list?user_id=someone-else", memberKey).status()).isEqualTo(401);
		assertBadRequest(this.admin.get("/v2/team/list?page_size=101", MASTER_KEY), "page_size", "1 to 100");
		assertBadRequest(this.admin.get("/v2/team/list?page=0", MASTER_KEY), "page", "expected a whole number");
	}

	@Test
	void keyHealthAliasesAndWhatACallWouldCost() {
		String alias = unique("  spaced");
		String key = this.admin.post("/key/generate", MASTER_KEY, Map.of("key_alias", alias)).text("/key");
		Reply healthy = this.admin.post("/key/health", key, Map.of());
		assertThat(healthy.status()).as(healthy.body()).isEqualTo(200);
		assertThat(healthy.text("/key")).isEqualTo("healthy");
		assertThat(healthy.json().get("logging_callbacks").isNull()).isTrue();
		String logging = this.admin
			.post("/key/generate", MASTER_KEY,
					Map.of("metadata", Map.of("logging", List.of(Map.of("callback_name", "langfuse")))))
			.text("/key");
		Reply unhealthy = this.admin.post("/key/health", logging, Map.of());
		assertThat(unhealthy.text("/key")).as("its own callbacks are not run").isEqualTo("unhealthy");
		assertThat(unhealthy.text("/logging_callbacks/callbacks/0")).isEqualTo("langfuse");

		Reply aliases = this.admin.get("/key/aliases", MASTER_KEY);
		assertThat(aliases.status()).as(aliases.body()).isEqualTo(200);
		List<String> listed = new ArrayList<>();
		aliases.json().get("aliases").forEach((item) -> listed.add(item.asString()));
		assertThat(listed).contains(alias.trim()).doesNotContain(alias).doesNotHaveDuplicates();
		assertThat(this.admin.get("/key/aliases", key).status()).isEqualTo(401);

		Reply prompt = this.admin.post("/spend/calculate", key,
				Map.of("model", "gpt-4o-mini", "messages", List.of(Map.of("role", "user", "content", "x".repeat(40)))));
		assertThat(prompt.status()).as(prompt.body()).isEqualTo(200);
		Reply sameTokens = this.admin.post("/spend/calculate", key, Map.of("completion_response",
				Map.of("model", "gpt-4o-mini", "usage", Map.of("prompt_tokens", 10, "completion_tokens", 0))));
		assertThat(prompt.json().get("cost").asDouble()).as("40 characters are about 10 tokens")
			.isEqualTo(sameTokens.json().get("cost").asDouble())
			.isPositive();
		Reply answered = this.admin.post("/spend/calculate", key, Map.of("completion_response",
				Map.of("model", "gpt-4o-mini", "usage", Map.of("prompt_tokens", 10, "completion_tokens", 100))));
		assertThat(answered.json().get("cost").asDouble()).isGreaterThan(sameTokens.json().get("cost").asDouble());
		Reply mapped = this.admin.post("/spend/calculate", key, Map.of("completion_response",
				Map.of("model", "gpt-4o", "usage", Map.of("prompt_tokens", 1000, "completion_tokens", 0))));
		assertThat(mapped.json().get("cost").asDouble()).as("a model of the price map").isPositive();
		assertBadRequest(this.admin.post("/spend/calculate", key, Map.of("model", "gpt-4o-mini")), "messages",
				"messages must be provided");
		assertBadRequest(this.admin.post("/spend/calculate", key, Map.of()), "model", "Either 'model' or");
		assertBadRequest(this.admin.post("/spend/calculate", key,
				Map.of("model", "no-such-model-anywhere", "messages", List.of())), "model", "isn't mapped yet");
		assertBadRequest(
				this.admin.post("/spend/calculate", key,
						Map.of("completion_response", Map.of("model", "gpt-4o", "usage", Map.of("prompt_tokens", -5)))),
				"completion_response", "Invalid token count");
	}

	@Test
	void dailyActivityAsTheUsagePageReadsIt() {
		String teamId = unique("usage");
		String alias = unique("usage-alias");
		this.admin.post("/team/new", MASTER_KEY, Map.of("team_id", teamId, "team_alias", alias));
		String member = unique("u");
		String teammate = unique("u");
		for (String user : List.of(member, teammate)) {
			this.admin.post("/team/member_add", MASTER_KEY,
					Map.of("team_id", teamId, "member", Map.of("user_id", user, "role", "user")));
		}
		String memberKey = this.admin
			.post("/key/generate", MASTER_KEY, Map.of("user_id", member, "team_id", teamId, "key_alias", unique("k")))
			.text("/key");
		String teammateKey = this.admin
			.post("/key/generate", MASTER_KEY, Map.of("user_id", teammate, "team_id", teamId))
			.text("/key");
		assertThat(this.admin.chat(memberKey, "gpt-4o-mini").status()).isEqualTo(200);
		assertThat(this.admin.chat(memberKey, "gpt-4o-mini").status()).isEqualTo(200);
		assertThat(this.admin.chat(teammateKey, "gpt-4o-mini").status()).isEqualTo(200);
		String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
		String dates = "start_date=" + today + "&end_date=" + today;
		String team = "/team/daily/activity?team_ids=" + teamId + "&" + dates;
		dev.llmgw.gateway.support.Eventually.within(java.time.Duration.ofSeconds(20),
				() -> this.admin.get(team, MASTER_KEY).json().at("/metadata/total_api_requests").asLong() == 3);

		Reply all = this.admin.get(team, MASTER_KEY);
		JsonNode day = all.json().at("/results/0");
		assertThat(day.path("date").asString()).isEqualTo(today);
		assertThat(day.at("/metrics/api_requests").asLong()).isEqualTo(3);
		assertThat(day.at("/metrics/successful_requests").asLong()).isEqualTo(3);
		assertThat(day.at("/metrics/total_tokens").asLong()).isPositive();
		JsonNode entity = day.at("/breakdown/entities/" + teamId);
		assertThat(entity.at("/metadata/team_alias").asString()).isEqualTo(alias);
		assertThat(entity.path("api_key_breakdown").size()).isEqualTo(2);
		String memberHash = KeyHashes.sha256Hex(memberKey);
		assertThat(day.at("/breakdown/api_keys/" + memberHash + "/metrics/api_requests").asLong()).isEqualTo(2);
		assertThat(day.at("/breakdown/api_keys/" + memberHash + "/metadata/team_id").asString()).isEqualTo(teamId);
		assertThat(day.path("breakdown").path("providers").size()).isPositive();
		assertThat(all.json().at("/metadata/total_pages").asLong()).isEqualTo(1);
		assertThat(all.json().at("/metadata/has_more").asBoolean()).isFalse();

		Reply own = this.admin.get(team, memberKey);
		assertThat(own.status()).as(own.body()).isEqualTo(200);
		assertThat(own.json().at("/metadata/total_api_requests").asLong()).as("a plain member sees its own keys")
			.isEqualTo(2);
		assertThat(this.admin.get("/team/daily/activity?team_ids=" + unique("other") + "&" + dates, memberKey).status())
			.isEqualTo(404);
		assertThat(all.json().at("/metadata/total_tokens").asLong()).as("LiteLLM's name")
			.isEqualTo(day.at("/metrics/total_tokens").asLong());

		// an admin of one team and a plain member of another: all of the first, its own
		// of the second
		String otherTeam = unique("usage-b");
		this.admin.post("/team/new", MASTER_KEY, Map.of("team_id", otherTeam));
		this.admin.post("/team/member_add", MASTER_KEY,
				Map.of("team_id", otherTeam, "member", Map.of("user_id", member, "role", "admin")));
		this.admin.post("/team/member_add", MASTER_KEY,
				Map.of("team_id", otherTeam, "member", Map.of("user_id", teammate, "role", "user")));
		String otherKey = this.admin
			.post("/key/generate", MASTER_KEY, Map.of("user_id", teammate, "team_id", otherTeam))
			.text("/key");
		assertThat(this.admin.chat(otherKey, "gpt-4o-mini").status()).isEqualTo(200);
		dev.llmgw.gateway.support.Eventually.within(java.time.Duration.ofSeconds(20),
				() -> this.admin.get("/team/daily/activity?team_ids=" + otherTeam + "&" + dates, MASTER_KEY)
					.json()
					.at("/metadata/total_api_requests")
					.asLong() == 1);
		Reply mixed = this.admin.get("/team/daily/activity?" + dates, memberKey);
		assertThat(mixed.json().at("/metadata/total_api_requests").asLong())
			.as("its own 2 calls in the team it is a member of, and the 1 call of the team it runs")
			.isEqualTo(3);
		Reply adminFilter = this.admin.get("/user/daily/activity?" + dates + "&user_id=" + teammate, MASTER_KEY);
		assertThat(adminFilter.json().at("/metadata/total_api_requests").asLong()).as("an admin's user_id filter")
			.isEqualTo(2);

		Reply user = this.admin.get("/user/daily/activity?" + dates, memberKey);
		assertThat(user.json().at("/metadata/total_api_requests").asLong()).as("only its own user").isEqualTo(2);
		assertThat(user.json().at("/results/0/breakdown/entities/" + member + "/metrics/api_requests").asLong())
			.isEqualTo(2);
		Reply byKey = this.admin.get("/user/daily/activity?" + dates + "&api_key=" + teammateKey, MASTER_KEY);
		assertThat(byKey.json().at("/metadata/total_api_requests").asLong()).isEqualTo(1);
		Reply paged = this.admin.get(team + "&page_size=1", MASTER_KEY);
		assertThat(paged.json().at("/metadata/has_more").asBoolean()).as("a page of the daily rows").isTrue();
		assertThat(paged.json().at("/metadata/total_pages").asLong()).isEqualTo(2);

		assertBadRequest(this.admin.get("/user/daily/activity", MASTER_KEY), "start_date",
				"Please provide start_date and end_date");
		assertBadRequest(this.admin.get("/user/daily/activity?start_date=yesterday&end_date=" + today, MASTER_KEY),
				"start_date", "YYYY-MM-DD");
		assertBadRequest(this.admin.get(team + "&page_size=0", MASTER_KEY), "page_size", "whole number");
	}

	@Test
	void globalSpendChartsFromTheDailyTables() {
		String teamId = unique("charts");
		String alias = unique("charts-alias");
		this.admin.post("/team/new", MASTER_KEY, Map.of("team_id", teamId, "team_alias", alias));
		String user = unique("spender");
		this.admin.post("/user/new", MASTER_KEY, Map.of("user_id", user, "auto_create_key", false));
		String keyAlias = unique("charts-key");
		String key = this.admin
			.post("/key/generate", MASTER_KEY, Map.of("user_id", user, "team_id", teamId, "key_alias", keyAlias))
			.text("/key");
		String endUser = unique("end");
		String tag = unique("tag");
		String metaTag = unique("meta-tag");
		Reply call = this.admin.post("/v1/chat/completions", key,
				Map.of("model", "gpt-4o-mini", "user", endUser, "tags", List.of(tag), "metadata",
						Map.of("tags", List.of(metaTag, tag)), "messages",
						List.of(Map.of("role", "user", "content", "hello charts"))));
		assertThat(call.status()).as(call.body()).isEqualTo(200);
		String hash = KeyHashes.sha256Hex(key);
		dev.llmgw.gateway.support.Eventually.within(java.time.Duration.ofSeconds(20),
				() -> this.admin.post("/global/spend/end_users", MASTER_KEY, Map.of()).body().contains(endUser));

		Reply keys = this.admin.get("/global/spend/keys", MASTER_KEY);
		assertThat(keys.status()).as(keys.body()).isEqualTo(200);
		JsonNode mine = null;
		for (JsonNode item : keys.json()) {
			if (hash.equals(item.path("api_key").asString())) {
				mine = item;
			}
		}
		assertThat(mine).as(keys.body()).isNotNull();
		assertThat(mine.path("key_alias").asString()).isEqualTo(keyAlias);
		assertThat(mine.path("total_spend").asDouble()).isPositive();
		Reply own = this.admin.get("/global/spend/keys", key);
		assertThat(own.json().size()).as("a user sees its own keys").isEqualTo(1);
		assertThat(own.text("/0/api_key")).isEqualTo(hash);
		assertThat(this.admin.get("/global/spend/models?limit=1", MASTER_KEY).json().size()).isEqualTo(1);
		assertThat(this.admin.get("/global/spend/models", key).text("/0/total_tokens")).isNotEmpty();

		Reply teams = this.admin.get("/global/spend/teams", MASTER_KEY);
		assertThat(teams.status()).as(teams.body()).isEqualTo(200);
		assertThat(teams.json().get("teams").toString()).contains(alias);
		assertThat(teams.json().get("daily_spend").get(0).has("date")).isTrue();
		Reply endUsers = this.admin.post("/global/spend/end_users", MASTER_KEY, Map.of("api_key", key));
		assertThat(endUsers.json().size()).isEqualTo(1);
		assertThat(endUsers.text("/0/end_user")).isEqualTo(endUser);
		assertThat(endUsers.json().get(0).get("total_count").asLong()).isEqualTo(1);

		String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
		Reply tags = this.admin.get(
				"/global/spend/tags?start_date=" + today + "&end_date=" + today + "&tags=" + tag + "," + metaTag,
				MASTER_KEY);
		assertThat(tags.status()).as(tags.body()).isEqualTo(200);
		assertThat(tags.json().get("spend_per_tag").size()).as("the body's tags and metadata's, each once")
			.isEqualTo(2);
		assertThat(tags.json().at("/spend_per_tag/0/log_count").asLong()).isEqualTo(1);
		assertThat(this.admin.get("/spend/tags", MASTER_KEY).body()).contains(tag).contains(metaTag);
		Reply tagDaily = this.admin
			.get("/tag/daily/activity?start_date=" + today + "&end_date=" + today + "&tags=" + tag, MASTER_KEY);
		assertThat(tagDaily.json().at("/results/0/breakdown/entities/" + tag + "/metrics/api_requests").asLong())
			.isEqualTo(1);
		assertThat(this.admin.get("/spend/logs?api_key=" + key, MASTER_KEY).body()).contains(metaTag);
		assertThat(this.admin.get("/tag/daily/activity?start_date=" + today + "&end_date=" + today, key).status())
			.isEqualTo(401);
		assertThat(this.admin.get("/global/spend/tags?start_date=" + today + "&end_date=" + today, key).status())
			.isEqualTo(401);
		assertBadRequest(this.admin.get("/global/spend/tags", MASTER_KEY), "start_date", "Please provide");
		assertThat(this.admin.get("/global/spend/teams", key).status()).isEqualTo(401);
		assertThat(this.admin.post("/global/spend/end_users", key, Map.of()).status()).isEqualTo(401);
		assertBadRequest(this.admin.get("/global/spend/keys?limit=0", MASTER_KEY), "limit",
				"Limit must be greater than 0");
		assertBadRequest(this.admin.post("/global/spend/end_users", MASTER_KEY, Map.of("startTime", "soon")),
				"startTime", "expected a date");
	}

	@Test
	void sharedBudgetsForEndUsers() {
		String budgetId = unique("budget");
		Reply created = this.admin.post("/budget/new", MASTER_KEY,
				Map.of("budget_id", budgetId, "max_budget", 0, "budget_duration", "30d"));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		assertThat(created.text("/budget_id")).isEqualTo(budgetId);
		assertThat(created.text("/budget_reset_at")).isNotEmpty();
		assertThat(this.admin.post("/budget/new", MASTER_KEY, Map.of("budget_id", budgetId)).status()).isEqualTo(400);
		String endUser = unique("shared-end-user");
		assertThat(this.admin.post("/customer/new", MASTER_KEY, Map.of("user_id", endUser, "budget_id", budgetId))
			.status()).isEqualTo(200);
		Map<String, Object> call = Map.of("model", "gpt-4o-mini", "user", endUser, "messages",
				List.of(Map.of("role", "user", "content", "hi")));
		String caller = this.admin.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		assertThat(this.admin.post("/v1/chat/completions", caller, call).status()).as("nothing spent yet")
			.isEqualTo(200);
		Reply refused = this.admin.post("/v1/chat/completions", caller, call);
		assertThat(refused.status()).as("a budget of 0 is spent: " + refused.body()).isEqualTo(400);
		assertThat(refused.text("/error/message")).startsWith("ExceededBudget: End User=" + endUser);

		Reply raised = this.admin.post("/budget/update", MASTER_KEY, Map.of("budget_id", budgetId, "max_budget", 100));
		assertThat(raised.status()).as(raised.body()).isEqualTo(200);
		assertThat(raised.json().get("max_budget").asDouble()).isEqualTo(100.0);
		assertThat(this.admin.post("/v1/chat/completions", caller, call).status()).as("read again at once")
			.isEqualTo(200);

		Reply info = this.admin.post("/budget/info", MASTER_KEY, Map.of("budgets", List.of(budgetId, "nope")));
		assertThat(info.json().size()).isEqualTo(1);
		assertThat(this.admin.get("/budget/list", MASTER_KEY).body()).contains(budgetId);
		assertBadRequest(this.admin.post("/budget/info", MASTER_KEY, Map.of("budgets", List.of())), "budgets",
				"Specify list of budget id's");
		assertBadRequest(this.admin.post("/budget/new", MASTER_KEY, Map.of("max_budget", -1)), "max_budget",
				"cannot be negative");
		assertBadRequest(this.admin.post("/budget/new", MASTER_KEY, Map.of("rpm_limit", 5)), "rpm_limit",
				"not enforced");
		assertBadRequest(this.admin.post("/budget/update", MASTER_KEY, Map.of("max_budget", 5)), "budget_id",
				"budget_id is required");
		assertThat(this.admin.post("/budget/update", MASTER_KEY, Map.of("budget_id", "nope", "max_budget", 5)).status())
			.isEqualTo(404);
		assertBadRequest(this.admin.post("/budget/delete", MASTER_KEY, Map.of("id", budgetId)), "id",
				"still used by 1 end users");
		assertBadRequest(
				this.admin.post("/customer/new", MASTER_KEY,
						Map.of("user_id", unique("c"), "budget_id", budgetId, "max_budget", 1)),
				"budget_id", "exists already");
		String second = unique("second-end-user");
		this.admin.post("/customer/new", MASTER_KEY, Map.of("user_id", second, "budget_id", budgetId));
		assertBadRequest(this.admin.post("/customer/update", MASTER_KEY, Map.of("user_id", second, "max_budget", 1)),
				"budget_id", "shares budget");
		this.admin.post("/customer/delete", MASTER_KEY, Map.of("user_ids", List.of(second)));
		String key = this.admin.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		assertThat(this.admin.get("/budget/list", key).status()).isEqualTo(401);
		this.admin.post("/customer/delete", MASTER_KEY, Map.of("user_ids", List.of(endUser)));
		Reply deleted = this.admin.post("/budget/delete", MASTER_KEY, Map.of("id", budgetId));
		assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
		assertThat(this.admin.post("/budget/info", MASTER_KEY, Map.of("budgets", List.of(budgetId))).json().size())
			.isZero();
	}

	@Test
	void organizationsGroupTeamsAndBoundTheirModels() {
		String orgId = unique("org");
		Reply created = this.admin.post("/organization/new", MASTER_KEY,
				Map.of("organization_id", orgId, "organization_alias", "Research", "models",
						List.of("gpt-4o", "gpt-4o-mini"), "metadata", Map.of("a", 1)));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		assertThat(created.text("/organization_id")).isEqualTo(orgId);
		assertBadRequest(this.admin.post("/organization/new", MASTER_KEY, Map.of("models", List.of())),
				"organization_alias", "organization_alias is required");
		assertBadRequest(
				this.admin.post("/organization/new", MASTER_KEY, Map.of("organization_alias", "x", "max_budget", 10)),
				"max_budget", "not enforced");
		assertThat(this.admin
			.post("/organization/new", MASTER_KEY, Map.of("organization_id", orgId, "organization_alias", "again"))
			.status()).isEqualTo(400);

		// its teams may have only its models
		assertBadRequest(
				this.admin.post("/team/new", MASTER_KEY, Map.of("organization_id", orgId, "models", List.of("gpt-4"))),
				"models", "not among organization");
		assertBadRequest(this.admin.post("/team/new", MASTER_KEY, Map.of("organization_id", orgId)), "models",
				"allows only the models");
		assertBadRequest(
				this.admin.post("/team/new", MASTER_KEY,
						Map.of("organization_id", unique("nope"), "models", List.of("gpt-4o"))),
				"organization_id", "Organization not found");
		String teamId = unique("org-team");
		assertThat(this.admin
			.post("/team/new", MASTER_KEY,
					Map.of("team_id", teamId, "organization_id", orgId, "models", List.of("gpt-4o")))
			.status()).isEqualTo(200);
		assertBadRequest(
				this.admin.post("/team/model/add", MASTER_KEY, Map.of("team_id", teamId, "models", List.of("gpt-4"))),
				"models", "not among organization");

		String member = unique("org-member");
		Reply added = this.admin.post("/organization/member_add", MASTER_KEY,
				Map.of("organization_id", orgId, "member", Map.of("user_id", member, "role", "internal_user")));
		assertThat(added.status()).as(added.body()).isEqualTo(200);
		assertThat(added.text("/updated_organization_memberships/0/user_role")).isEqualTo("internal_user");
		assertThat(this.admin
			.post("/organization/member_add", MASTER_KEY,
					Map.of("organization_id", orgId, "member", Map.of("user_id", member)))
			.status()).isEqualTo(400);
		assertBadRequest(
				this.admin.post("/organization/member_add", MASTER_KEY,
						Map.of("organization_id", orgId, "member", Map.of("user_id", unique("u"), "role", "boss"))),
				"member", "Invalid role");
		Reply roleChanged = this.admin.send("PATCH", "/organization/member_update", MASTER_KEY,
				Map.of("organization_id", orgId, "user_id", member, "role", "org_admin"));
		assertThat(roleChanged.status()).as(roleChanged.body()).isEqualTo(200);
		assertThat(roleChanged.text("/user_role")).isEqualTo("org_admin");
		assertThat(this.admin
			.send("PATCH", "/organization/member_update", MASTER_KEY,
					Map.of("organization_id", orgId, "user_id", unique("stranger")))
			.status()).isEqualTo(404);

		Reply updated = this.admin.send("PATCH", "/organization/update", MASTER_KEY,
				Map.of("organization_id", orgId, "organization_alias", "Research Lab", "metadata", Map.of("b", 2)));
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(updated.json().at("/metadata/a").asInt()).as("metadata merged").isEqualTo(1);
		assertThat(updated.json().at("/metadata/b").asInt()).isEqualTo(2);
		Reply info = this.admin.get("/organization/info?organization_id=" + orgId, MASTER_KEY);
		assertThat(info.text("/organization_alias")).isEqualTo("Research Lab");
		assertThat(info.text("/teams/0/team_id")).isEqualTo(teamId);
		assertThat(info.text("/members/0/user_id")).isEqualTo(member);
		assertThat(this.admin.post("/organization/info", MASTER_KEY, Map.of("organizations", List.of(orgId)))
			.json()
			.size()).isEqualTo(1);

		String memberKey = this.admin.post("/key/generate", MASTER_KEY, Map.of("user_id", member)).text("/key");
		assertThat(this.admin.get("/organization/list", memberKey).json().size()).as("its own organization")
			.isEqualTo(1);
		String outsider = this.admin.post("/key/generate", MASTER_KEY, Map.of("user_id", unique("out"))).text("/key");
		assertThat(this.admin.get("/organization/list", outsider).json().size()).isZero();
		assertThat(this.admin.get("/organization/info?organization_id=" + orgId, outsider).status()).isEqualTo(403);
		assertThat(this.admin.post("/organization/new", memberKey, Map.of("organization_alias", "mine")).status())
			.isEqualTo(401);
		assertThat(this.admin.get("/organization/list?org_alias=research", MASTER_KEY).body()).contains(orgId);
		Reply memberView = this.admin.get("/organization/info?organization_id=" + orgId, memberKey);
		assertThat(memberView.status()).as(memberView.body()).isEqualTo(200);
		assertThat(memberView.json().at("/teams/0").size()).as("a member sees the team's id and alias only")
			.isEqualTo(2);
		assertThat(memberView.json().at("/teams/0").has("spend")).isFalse();
		assertBadRequest(
				this.admin.send("PATCH", "/organization/update", MASTER_KEY,
						Map.of("organization_id", orgId, "models", List.of("gpt-4o-mini"))),
				"models", "has models outside");

		String leaving = unique("leaving");
		this.admin.post("/organization/member_add", MASTER_KEY,
				Map.of("organization_id", orgId, "member", Map.of("user_id", leaving)));
		this.admin.post("/user/delete", MASTER_KEY, Map.of("user_ids", List.of(leaving)));
		assertThat(this.admin.get("/organization/info?organization_id=" + orgId, MASTER_KEY).body())
			.as("a deleted user leaves its organizations too")
			.doesNotContain(leaving);
		assertBadRequest(this.admin.send("DELETE", "/organization/delete", MASTER_KEY,
				Map.of("organization_ids", List.of(orgId))), "organization_ids", "still has 1 teams");
		this.admin.post("/team/delete", MASTER_KEY, Map.of("team_ids", List.of(teamId)));
		assertThat(this.admin
			.send("DELETE", "/organization/member_delete", MASTER_KEY,
					Map.of("organization_id", orgId, "user_id", member))
			.status()).isEqualTo(200);
		Reply deleted = this.admin.send("DELETE", "/organization/delete", MASTER_KEY,
				Map.of("organization_ids", List.of(orgId)));
		assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
		assertThat(this.admin.get("/organization/info?organization_id=" + orgId, MASTER_KEY).status()).isEqualTo(404);
	}

	@Test
	void theUserListPagesAndSearchesAsLiteLlms() {
		String marker = unique("Finder").toLowerCase();
		String teamId = unique("finders");
		this.admin.post("/team/new", MASTER_KEY, Map.of("team_id", teamId));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String id = unique("finder");
			ids.add(id);
			this.admin.post("/user/new", MASTER_KEY, Map.of("user_id", id, "user_email",
					"ada" + i + "." + marker + "@example.com", "auto_create_key", false));
		}
		this.admin.post("/team/member_add", MASTER_KEY,
				Map.of("team_id", teamId, "member", Map.of("user_id", ids.get(0), "role", "user")));
		Reply found = this.admin.get("/user/list?user_email=" + marker.toUpperCase() + "&page_size=2", MASTER_KEY);
		assertThat(found.status()).as(found.body()).isEqualTo(200);
		assertThat(found.json().get("total").asLong()).as("a part of the e-mail, any case").isEqualTo(3);
		assertThat(found.json().get("users").size()).isEqualTo(2);
		assertThat(found.json().get("total_pages").asLong()).isEqualTo(2);
		Reply sorted = this.admin.get("/user/list?user_email=" + marker + "&sort_by=user_email&sort_order=asc",
				MASTER_KEY);
		assertThat(sorted.text("/users/0/user_email")).startsWith("ada0.");
		assertThat(this.admin.get("/user/list?user_ids=" + ids.get(1) + "," + ids.get(2), MASTER_KEY)
			.json()
			.get("total")
			.asLong()).isEqualTo(2);
		Reply team = this.admin.get("/user/list?team=" + teamId, MASTER_KEY);
		assertThat(team.json().get("total").asLong()).isEqualTo(1);
		assertThat(team.text("/users/0/user_id")).isEqualTo(ids.get(0));
		assertThat(this.admin.get("/user/list?user_email=%25", MASTER_KEY).json().get("total").asLong())
			.as("a % is a percent sign, not a wildcard")
			.isZero();
		assertBadRequest(this.admin.get("/user/list?page=abc", MASTER_KEY), "page", "whole number");
		assertBadRequest(this.admin.get("/user/list?page_size=500", MASTER_KEY), "page_size", "1 to 100");
		assertBadRequest(this.admin.get("/key/list?page=abc", MASTER_KEY), "page", "whole number");
	}

	@Test
	void aKeyCallsOnlyItsAllowedRoutes() {
		String llmOnly = this.admin.post("/key/generate", MASTER_KEY, Map.of("key_type", "llm_api")).text("/key");
		assertThat(this.admin.chat(llmOnly, "gpt-4o-mini").status()).isEqualTo(200);
		assertThat(this.admin.get("/v1/models", llmOnly).status()).isEqualTo(200);
		Reply refused = this.admin.get("/key/info", llmOnly);
		assertThat(refused.status()).as(refused.body()).isEqualTo(403);
		assertThat(refused.text("/error/message"))
			.isEqualTo("Virtual key is not allowed to call this route. Only allowed to call routes: [llm_api_routes]. "
					+ "Tried to call route: /key/info");
		assertThat(
				this.admin.get("/key/info?key=" + llmOnly, MASTER_KEY).json().at("/info/allowed_routes/0").asString())
			.isEqualTo("llm_api_routes");

		String readOnly = this.admin.post("/key/generate", MASTER_KEY, Map.of("key_type", "read_only")).text("/key");
		assertThat(this.admin.get("/key/info", readOnly).status()).isEqualTo(200);
		assertThat(this.admin.chat(readOnly, "gpt-4o-mini").status()).isEqualTo(403);

		String exact = this.admin
			.post("/key/generate", MASTER_KEY, Map.of("allowed_routes", List.of("/v1/chat/completions", "/key/*")))
			.text("/key");
		assertThat(this.admin.chat(exact, "gpt-4o-mini").status()).isEqualTo(200);
		assertThat(this.admin.get("/key/info", exact).status()).as("a pattern ending in *").isEqualTo(200);
		assertThat(this.admin.get("/v1/models", exact).status()).isEqualTo(403);

		String adminUser = unique("route-admin");
		this.admin.post("/user/new", MASTER_KEY,
				Map.of("user_id", adminUser, "user_role", "proxy_admin", "auto_create_key", false));
		String adminKey = this.admin
			.post("/key/generate", MASTER_KEY, Map.of("user_id", adminUser, "key_type", "llm_api"))
			.text("/key");
		assertThat(this.admin.post("/team/new", adminKey, Map.of()).status()).as("whatever the role").isEqualTo(403);

		assertThat(
				this.admin.post("/key/update", MASTER_KEY, Map.of("key", exact, "allowed_routes", List.of())).status())
			.isEqualTo(200);
		assertThat(this.admin.get("/v1/models", exact).status()).as("an empty list allows every route").isEqualTo(200);
		assertBadRequest(this.admin.post("/key/generate", MASTER_KEY, Map.of("key_type", "superuser")), "key_type",
				"Invalid key_type");
		for (String entry : List.of("", "/", "/*", "everything")) {
			assertBadRequest(this.admin.post("/key/generate", MASTER_KEY, Map.of("allowed_routes", List.of(entry))),
					"allowed_routes", "Invalid allowed_routes entry");
		}

		// an admin's restriction is the admins' to lift: not the key's owner, not a key
		// it makes
		String owner = unique("restricted-owner");
		this.admin.post("/user/new", MASTER_KEY, Map.of("user_id", owner, "auto_create_key", false));
		String managing = this.admin
			.post("/key/generate", MASTER_KEY,
					Map.of("user_id", owner, "allowed_routes", List.of("/key/*", "/v1/chat/completions")))
			.text("/key");
		assertThat(
				this.admin.post("/key/update", managing, Map.of("key", managing, "allowed_routes", List.of())).status())
			.as("an empty list would open every route")
			.isEqualTo(403);
		assertThat(this.admin.post("/key/update", managing, Map.of("key", managing, "key_type", "default")).status())
			.isEqualTo(403);
		Reply made = this.admin.post("/key/generate", managing, Map.of());
		assertThat(made.status()).as(made.body()).isEqualTo(200);
		String child = made.text("/key");
		assertThat(this.admin.get("/v1/models", child).status()).as("made by a restricted key, restricted alike")
			.isEqualTo(403);
		assertThat(this.admin.post("/key/generate", managing, Map.of("allowed_routes", List.of())).status())
			.isEqualTo(403);
		assertThat(this.admin.get("/key/self", llmOnly).status()).as("who the key is, for the middleware")
			.isEqualTo(200);
	}

	@Test
	void customers() {
		String customer = unique("customer");
		Reply created = this.admin.post("/customer/new", MASTER_KEY,
				Map.of("user_id", customer, "max_budget", 3, "budget_duration", "30d", "allowed_model_region", "eu"));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		assertThat(created.json().at("/litellm_budget_table/max_budget").asDouble()).isEqualTo(3.0);
		assertThat(this.admin.get("/customer/info?end_user_id=" + customer, MASTER_KEY).text("/allowed_model_region"))
			.isEqualTo("eu");
		assertThat(this.admin.post("/customer/update", MASTER_KEY, Map.of("user_id", customer, "max_budget", 4))
			.json()
			.at("/litellm_budget_table/max_budget")
			.asDouble()).isEqualTo(4.0);
		Reply durationOnly = this.admin.post("/customer/update", MASTER_KEY,
				Map.of("user_id", customer, "budget_duration", "7d"));
		assertThat(durationOnly.json().at("/litellm_budget_table/max_budget").asDouble())
			.as("a field not sent is left as it was")
			.isEqualTo(4.0);
		assertThat(durationOnly.text("/litellm_budget_table/budget_duration")).isEqualTo("7d");
		assertBadRequest(this.admin.post("/customer/new", MASTER_KEY, Map.of("user_id", unique("c"), "rpm_limit", 10)),
				"rpm_limit", "not enforced");
		assertBadRequest(this.admin.post("/customer/update", MASTER_KEY, Map.of("user_id", customer, "tpm_limit", 10)),
				"tpm_limit", "not enforced");
		assertThat(this.admin.post("/customer/block", MASTER_KEY, Map.of("user_ids", List.of(customer)))
			.json()
			.at("/blocked_users/0/blocked")
			.asBoolean()).isTrue();
		assertThat(this.admin.post("/end_user/unblock", MASTER_KEY, Map.of("user_ids", List.of(customer)))
			.json()
			.at("/blocked_users/0/blocked")
			.asBoolean()).isFalse();
		assertThat(this.admin.get("/customer/list", MASTER_KEY).body()).contains(customer);
		assertBadRequest(this.admin.post("/customer/new", MASTER_KEY, Map.of("user_id", unique("c"), "max_budget", -2)),
				"max_budget", "cannot be negative");
		Reply deleted = this.admin.post("/customer/delete", MASTER_KEY, Map.of("user_ids", List.of(customer)));
		assertThat(deleted.json().get("deleted_customers").asInt()).isEqualTo(1);
		assertThat(this.admin.get("/customer/info?end_user_id=" + customer, MASTER_KEY).status()).isEqualTo(404);
	}

	private List<String> modelIds(String key) {
		List<String> ids = new ArrayList<>();
		this.admin.get("/v1/models", key).json().get("data").forEach((model) -> ids.add(model.get("id").asString()));
		return ids;
	}

	private static void assertBadRequest(Reply reply, String param, String message) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(400);
		assertThat(reply.text("/error/message")).contains(message);
		assertThat(reply.text("/error/code")).isEqualTo("400");
		if (param != null) {
			assertThat(reply.text("/error/param")).isEqualTo(param);
		}
	}

	static String unique(String prefix) {
		return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
	}

}
