package dev.llmgw.gateway.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.AdminClient.Reply;
import dev.llmgw.gateway.support.ExternalServices;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the status table of docs/admin-access.md: every admin route case, called as every
 * kind of caller, answers the status the table gives. The users, teams and keys are made
 * with the master key on a PostgreSQL database of this class's own; each case acts on
 * fresh objects where it changes them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminAccessTableIntegrationTests extends GatewayTestBase {

	static final Path TABLE = Path.of("..", "docs", "admin-access.md");

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		String databaseUrl = ExternalServices.newPostgresDatabase();
		registry.add("gateway.database-url", () -> databaseUrl);
	}

	/** The callers, named as the table's columns. */
	enum Role {

		MASTER("master key"), PROXY_ADMIN("proxy_admin"), PROXY_ADMIN_VIEWER("proxy_admin_viewer"),
		INTERNAL_USER("internal_user"), INTERNAL_USER_VIEWER("internal_user_viewer"), TEAM_ADMIN("team admin"),
		TEAM_MEMBER("team member"), KEYLESS("key without user"), NO_KEY("no key");

		final String column;

		Role(String column) {
			this.column = column;
		}

		@Override
		public String toString() {
			return this.column;
		}

	}

	/**
	 * One call.
	 *
	 * @param method GET or POST
	 * @param path the path with its query
	 * @param body the JSON body of a POST
	 */
	record Call(String method, String path, Object body) {

		static Call get(String path) {
			return new Call("GET", path, Map.of());
		}

		static Call post(String path, Object body) {
			return new Call("POST", path, body);
		}

	}

	private AdminClient admin;

	private final Map<Role, String> keys = new EnumMap<>(Role.class);

	private final Map<Role, String> userIds = new EnumMap<>(Role.class);

	private final List<String> createdUsers = new ArrayList<>();

	private final List<String> createdTeams = new ArrayList<>();

	private final List<String> createdCustomers = new ArrayList<>();

	private final List<String> keylessKeys = new ArrayList<>();

	private String team;

	private String victimTeam;

	private String victim;

	private String teamServiceKey;

	private String customer;

	@BeforeAll
	void fixtures() {
		this.admin = new AdminClient(url(""));
		this.team = team();
		this.victimTeam = team();
		this.victim = user("internal_user");
		member(this.victimTeam, this.victim, "user");
		this.keys.put(Role.MASTER, MASTER_KEY);
		for (Role role : List.of(Role.PROXY_ADMIN, Role.PROXY_ADMIN_VIEWER, Role.INTERNAL_USER,
				Role.INTERNAL_USER_VIEWER, Role.TEAM_ADMIN, Role.TEAM_MEMBER)) {
			String userId = user(switch (role) {
				case PROXY_ADMIN -> "proxy_admin";
				case PROXY_ADMIN_VIEWER -> "proxy_admin_viewer";
				case INTERNAL_USER_VIEWER -> "internal_user_viewer";
				default -> "internal_user";
			});
			this.userIds.put(role, userId);
			this.keys.put(role, freshKey(Map.of("user_id", userId, "max_budget", 10, "rpm_limit", 100)));
		}
		member(this.team, this.userIds.get(Role.TEAM_ADMIN), "admin");
		member(this.team, this.userIds.get(Role.TEAM_MEMBER), "user");
		this.keys.put(Role.KEYLESS, freshKey(Map.of("max_budget", 10, "rpm_limit", 100)));
		this.teamServiceKey = freshKey(Map.of("team_id", this.team));
		this.customer = customer();
	}

	@AfterAll
	void cleanUp() {
		this.admin.post("/key/delete", MASTER_KEY, Map.of("keys", this.keylessKeys));
		this.admin.post("/team/delete", MASTER_KEY, Map.of("team_ids", this.createdTeams));
		this.admin.post("/user/delete", MASTER_KEY, Map.of("user_ids", this.createdUsers));
		this.admin.post("/customer/delete", MASTER_KEY, Map.of("user_ids", this.createdCustomers));
	}

	Stream<Arguments> cases() throws IOException {
		List<Arguments> cases = new ArrayList<>();
		for (Map.Entry<String, Map<Role, Integer>> row : table().entrySet()) {
			row.getValue().forEach((role, status) -> cases.add(Arguments.of(row.getKey(), role, status)));
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} as {1}: {2}")
	@MethodSource("cases")
	void answersAsTheTableSays(String name, Role role, int expected) {
		Function<Role, Call> request = requests().get(name);
		assertThat(request).as("docs/admin-access.md has a case the test cannot make: " + name).isNotNull();
		Call call = request.apply(role);
		String key = this.keys.get(role);
		Reply reply = call.method().equals("GET") ? this.admin.get(call.path(), key)
				: this.admin.post(call.path(), key, call.body());
		assertThat(reply.status()).as(name + " as " + role + ": " + reply.body()).isEqualTo(expected);
		if (expected >= 400) {
			assertThat(reply.text("/error/code")).as("OpenAI error shape: " + reply.body())
				.isEqualTo(String.valueOf(expected));
		}
	}

	@Test
	void theTableCoversEveryCaseAndEveryCaller() throws IOException {
		Map<String, Map<Role, Integer>> table = table();
		assertThat(table.keySet()).containsExactlyInAnyOrderElementsOf(requests().keySet());
		table.forEach((name, statuses) -> assertThat(statuses.keySet()).as(name).containsExactly(Role.values()));
	}

	/** The status table: case name to the status each caller gets. */
	static Map<String, Map<Role, Integer>> table() throws IOException {
		Map<String, Map<Role, Integer>> table = new LinkedHashMap<>();
		List<String> header = null;
		for (String line : Files.readAllLines(TABLE)) {
			if (!line.startsWith("|")) {
				header = null;
				continue;
			}
			List<String> cells = Stream.of(line.substring(1).split("\\|")).map(String::trim).toList();
			if (cells.get(0).equals("Case")) {
				header = cells;
			}
			else if (header != null && !cells.get(0).startsWith("-")) {
				Map<Role, Integer> statuses = new EnumMap<>(Role.class);
				for (Role role : Role.values()) {
					int column = header.indexOf(role.column);
					if (column >= 0) {
						statuses.put(role, Integer.parseInt(cells.get(column)));
					}
				}
				table.put(cells.get(0).replace("`", ""), statuses);
			}
		}
		return table;
	}

	/**
	 * How each case is called: the targets are made fresh where the call changes them.
	 */
	private Map<String, Function<Role, Call>> requests() {
		Map<String, Function<Role, Call>> requests = new LinkedHashMap<>();
		requests.put("key-generate-own", (role) -> Call.post("/key/generate", Map.of()));
		requests.put("key-generate-other-user", (role) -> Call.post("/key/generate", Map.of("user_id", this.victim)));
		requests.put("key-generate-team", (role) -> Call.post("/key/generate", Map.of("team_id", this.team)));
		requests.put("key-generate-other-team",
				(role) -> Call.post("/key/generate", Map.of("team_id", this.victimTeam)));
		requests.put("key-generate-above-own", (role) -> Call.post("/key/generate", Map.of("max_budget", 50)));
		requests.put("key-generate-admin-field",
				(role) -> Call.post("/key/generate", Map.of("permissions", Map.of("pii", false))));
		requests.put("key-update-own",
				(role) -> Call.post("/key/update", Map.of("key", ownKey(role), "metadata", Map.of("x", 1))));
		requests.put("key-update-other-user",
				(role) -> Call.post("/key/update", Map.of("key", victimKey(), "metadata", Map.of("x", 1))));
		requests.put("key-update-into-team",
				(role) -> Call.post("/key/update", Map.of("key", ownKey(role), "team_id", this.team)));
		requests.put("key-update-into-other-team",
				(role) -> Call.post("/key/update", Map.of("key", ownKey(role), "team_id", this.victimTeam)));
		requests.put("key-update-team-key",
				(role) -> Call.post("/key/update", Map.of("key", memberTeamKey(), "metadata", Map.of("x", 1))));
		requests.put("key-delete-own", (role) -> Call.post("/key/delete", Map.of("keys", List.of(ownKey(role)))));
		requests.put("key-delete-other-user", (role) -> Call.post("/key/delete", Map.of("keys", List.of(victimKey()))));
		requests.put("key-info-self", (role) -> Call.get("/key/info"));
		requests.put("key-info-other-user", (role) -> Call.get("/key/info?key=" + victimKey()));
		requests.put("key-info-team-key", (role) -> Call.get("/key/info?key=" + this.teamServiceKey));
		requests.put("key-list", (role) -> Call.get("/key/list"));
		requests.put("key-regenerate-own",
				(role) -> Call.post("/key/regenerate", Map.of("key", ownKeyLikeCaller(role))));
		requests.put("key-regenerate-own-wider", (role) -> Call.post("/key/regenerate", Map.of("key", ownKey(role))));
		requests.put("key-regenerate-other-user", (role) -> Call.post("/key/regenerate", Map.of("key", victimKey())));
		requests.put("key-block-own", (role) -> Call.post("/key/block", Map.of("key", ownKey(role))));
		requests.put("key-block-other-user", (role) -> Call.post("/key/block", Map.of("key", victimKey())));
		requests.put("key-unblock-admin-block",
				(role) -> Call.post("/key/unblock", Map.of("key", blocked(ownKey(role), MASTER_KEY))));
		requests.put("key-unblock-team-admin-block", (role) -> Call.post("/key/unblock",
				Map.of("key", blocked(memberTeamKey(), this.keys.get(Role.TEAM_ADMIN)))));
		requests.put("key-unblock-owner-block", (role) -> {
			String key = ownKey(role);
			return Call.post("/key/unblock", Map.of("key", blocked(key, ownBlocker(role))));
		});
		requests.put("user-new",
				(role) -> Call.post("/user/new", Map.of("user_id", trackedUserId(), "auto_create_key", false)));
		requests.put("user-info-self",
				(role) -> Call.get("/user/info?user_id=" + this.userIds.getOrDefault(role, this.victim)));
		requests.put("user-info-other-user", (role) -> Call.get("/user/info?user_id=" + this.victim));
		requests
			.put("user-update-role",
					(role) -> Call.post("/user/update",
							Map.of("user_id",
									(role == Role.MASTER || role == Role.PROXY_ADMIN) ? user("internal_user")
											: this.userIds.getOrDefault(role, this.victim),
									"user_role", "proxy_admin")));
		requests.put("user-delete",
				(role) -> Call.post("/user/delete", Map.of("user_ids", List.of(user("internal_user")))));
		requests.put("user-list", (role) -> Call.get("/user/list"));
		requests.put("team-new", (role) -> {
			String teamId = "t-" + UUID.randomUUID();
			this.createdTeams.add(teamId);
			return Call.post("/team/new", Map.of("team_id", teamId));
		});
		requests.put("team-info-own", (role) -> Call.get("/team/info?team_id=" + this.team));
		requests.put("team-info-other-team", (role) -> Call.get("/team/info?team_id=" + this.victimTeam));
		requests.put("team-update",
				(role) -> Call.post("/team/update", Map.of("team_id", this.team, "metadata", Map.of("x", 1))));
		requests.put("team-delete", (role) -> Call.post("/team/delete", Map.of("team_ids", List.of(team()))));
		requests.put("team-list", (role) -> Call.get("/team/list"));
		requests.put("team-member-add", (role) -> Call.post("/team/member_add",
				Map.of("team_id", this.team, "member", Map.of("user_id", user("internal_user"), "role", "user"))));
		requests.put("team-member-delete", (role) -> {
			String userId = user("internal_user");
			member(this.team, userId, "user");
			return Call.post("/team/member_delete", Map.of("team_id", this.team, "user_id", userId));
		});
		requests.put("team-member-update", (role) -> {
			String userId = user("internal_user");
			member(this.team, userId, "user");
			return Call.post("/team/member_update", Map.of("team_id", this.team, "user_id", userId, "role", "user"));
		});
		requests.put("team-model-add",
				(role) -> Call.post("/team/model/add", Map.of("team_id", team(), "models", List.of("gpt-4o"))));
		requests.put("team-list-v2", (role) -> Call.get("/v2/team/list"));
		requests.put("team-block", (role) -> Call.post("/team/block", Map.of("team_id", team())));
		requests.put("team-unblock", (role) -> Call.post("/team/unblock", Map.of("team_id", team())));
		requests.put("customer-new", (role) -> {
			String id = "c-" + UUID.randomUUID();
			this.createdCustomers.add(id);
			return Call.post("/customer/new", Map.of("user_id", id));
		});
		requests.put("customer-info", (role) -> Call.get("/customer/info?end_user_id=" + this.customer));
		requests.put("customer-update",
				(role) -> Call.post("/customer/update", Map.of("user_id", this.customer, "alias", "x")));
		requests.put("customer-delete",
				(role) -> Call.post("/customer/delete", Map.of("user_ids", List.of(customer()))));
		requests.put("customer-block",
				(role) -> Call.post("/customer/block", Map.of("user_ids", List.of(this.customer))));
		requests.put("customer-unblock",
				(role) -> Call.post("/end_user/unblock", Map.of("user_ids", List.of(this.customer))));
		requests.put("customer-list", (role) -> Call.get("/end_user/list"));
		requests.put("model-info", (role) -> Call.get("/model/info"));
		requests.put("model-new", (role) -> Call.post("/model/new", Map.of()));
		requests.put("model-update", (role) -> Call.post("/model/update", Map.of()));
		requests.put("model-delete", (role) -> Call.post("/model/delete", Map.of("id", "nope")));
		requests.put("router-settings", (role) -> Call.get("/router/settings"));
		requests.put("spend-logs", (role) -> Call.get("/spend/logs"));
		requests.put("global-spend-keys", (role) -> Call.get("/global/spend/keys"));
		requests.put("global-spend-models", (role) -> Call.get("/global/spend/models"));
		requests.put("global-spend-teams", (role) -> Call.get("/global/spend/teams"));
		requests.put("global-spend-end-users", (role) -> Call.post("/global/spend/end_users", Map.of()));
		requests.put("spend-calculate", (role) -> Call.post("/spend/calculate", Map.of("completion_response",
				Map.of("model", "gpt-4o", "usage", Map.of("prompt_tokens", 1, "completion_tokens", 1)))));
		requests.put("key-health", (role) -> Call.post("/key/health", Map.of()));
		requests.put("key-aliases", (role) -> Call.get("/key/aliases"));
		requests.put("budget-new", (role) -> Call.post("/budget/new", Map.of("max_budget", 5)));
		requests.put("budget-list", (role) -> Call.get("/budget/list"));
		requests.put("organization-new",
				(role) -> Call.post("/organization/new", Map.of("organization_alias", "org-" + UUID.randomUUID())));
		requests.put("organization-info", (role) -> {
			Reply made = this.admin.post("/organization/new", MASTER_KEY, Map.of("organization_alias", "o"));
			assertThat(made.status()).as(made.body()).isEqualTo(200);
			return Call.get("/organization/info?organization_id=" + made.text("/organization_id"));
		});
		requests.put("organization-list", (role) -> Call.get("/organization/list"));
		String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
		requests.put("user-daily-activity",
				(role) -> Call.get("/user/daily/activity?start_date=" + today + "&end_date=" + today));
		requests.put("spend-summary", (role) -> Call.get("/spend/summary?start_date=" + today + "&end_date=" + today));
		requests.put("team-daily-activity",
				(role) -> Call.get("/team/daily/activity?start_date=" + today + "&end_date=" + today));
		requests.put("global-spend-tags",
				(role) -> Call.get("/global/spend/tags?start_date=" + today + "&end_date=" + today));
		requests.put("spend-tags", (role) -> Call.get("/spend/tags"));
		requests.put("tag-daily-activity",
				(role) -> Call.get("/tag/daily/activity?start_date=" + today + "&end_date=" + today));
		requests.put("global-spend", (role) -> Call.get("/global/spend"));
		requests.put("spend-keys", (role) -> Call.get("/spend/keys"));
		requests.put("spend-users", (role) -> Call.get("/spend/users"));
		requests.put("global-spend-report", (role) -> Call.get("/global/spend/report"));
		requests.put("models", (role) -> Call.get("/v1/models"));
		return requests;
	}

	/**
	 * A fresh key of the caller's own user (of no user for the master key and keyless).
	 */
	private String ownKey(Role role) {
		String userId = this.userIds.get(role);
		return (userId != null) ? freshKey(Map.of("user_id", userId)) : freshKey(Map.of());
	}

	/** Another key of the caller's user, with the calling key's own budget and limit. */
	private String ownKeyLikeCaller(Role role) {
		String userId = this.userIds.get(role);
		Map<String, Object> limits = Map.of("max_budget", 10, "rpm_limit", 100);
		if (userId == null) {
			return freshKey(limits);
		}
		Map<String, Object> body = new java.util.HashMap<>(limits);
		body.put("user_id", userId);
		return freshKey(body);
	}

	private String victimKey() {
		return freshKey(Map.of("user_id", this.victim));
	}

	/** A fresh key of the team member in the team. */
	private String memberTeamKey() {
		return freshKey(Map.of("user_id", this.userIds.get(Role.TEAM_MEMBER), "team_id", this.team));
	}

	/** Who blocks a caller's own key as its owner: itself, or the master key. */
	private String ownBlocker(Role role) {
		return switch (role) {
			case INTERNAL_USER, TEAM_ADMIN, TEAM_MEMBER -> this.keys.get(role);
			default -> MASTER_KEY;
		};
	}

	private String blocked(String key, String by) {
		Reply reply = this.admin.post("/key/block", by, Map.of("key", key));
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		return key;
	}

	private String freshKey(Map<String, Object> body) {
		Reply reply = this.admin.post("/key/generate", MASTER_KEY, body);
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		if (!body.containsKey("user_id") && !body.containsKey("team_id")) {
			this.keylessKeys.add(reply.text("/key"));
		}
		return reply.text("/key");
	}

	private String trackedUserId() {
		String userId = "u-" + UUID.randomUUID();
		this.createdUsers.add(userId);
		return userId;
	}

	private String user(String role) {
		String userId = trackedUserId();
		Reply reply = this.admin.post("/user/new", MASTER_KEY,
				Map.of("user_id", userId, "user_role", role, "auto_create_key", false));
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		return userId;
	}

	private String team() {
		Reply reply = this.admin.post("/team/new", MASTER_KEY, Map.of());
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		this.createdTeams.add(reply.text("/team_id"));
		return reply.text("/team_id");
	}

	private void member(String teamId, String userId, String role) {
		Reply reply = this.admin.post("/team/member_add", MASTER_KEY,
				Map.of("team_id", teamId, "member", Map.of("user_id", userId, "role", role)));
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
	}

	private String customer() {
		String id = "c-" + UUID.randomUUID();
		Reply reply = this.admin.post("/customer/new", MASTER_KEY, Map.of("user_id", id));
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		this.createdCustomers.add(id);
		return id;
	}

}
