package dev.llmgw.gateway.admin.users;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.llmgw.gateway.admin.AdminClock;
import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.config.LitellmSettings;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayInstances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * litellm_settings.default_internal_user_params, as LiteLLM applies it: every field a
 * /user/new body leaves unset (an empty models list too) takes the default, except for a
 * proxy admin; a first single sign-on gets its models, budget and limits; a value no
 * request could set stops the start. And litellm_settings.max_internal_user_budget and
 * internal_user_budget_duration, the budget of a new internal user that sets none.
 */
class DefaultInternalUserParamsIntegrationTests {

	private static final String MASTER_KEY = "sk-default-user-params";

	private static final String DEFAULTS = "{user_role: internal_user_viewer, models: [gpt-4o-mini], "
			+ "max_budget: 5, budget_duration: 1d, available_teams: [t1]}";

	@TempDir
	Path dir;

	@Test
	void newUsersTakeTheDefaultsTheirRequestLeavesOut() throws Exception {
		ConfigurableApplicationContext gateway = start(DEFAULTS);
		try {
			AdminClient api = new AdminClient(GatewayInstances.baseUrl(gateway));
			String plain = "plain-" + UUID.randomUUID();
			assertThat(api.post("/user/new", MASTER_KEY, Map.of("user_id", plain, "models", List.of())).status())
				.isEqualTo(200);
			JsonNode user = api.get("/user/info?user_id=" + plain, MASTER_KEY).json().get("user_info");
			assertThat(user.get("user_role").asString()).isEqualTo("internal_user_viewer");
			assertThat(user.get("models").get(0).asString()).isEqualTo("gpt-4o-mini");
			assertThat(user.get("max_budget").asDouble()).isEqualTo(5.0);
			assertThat(user.get("budget_duration").asString()).isEqualTo("1d");
			assertThat(OffsetDateTime.parse(user.get("budget_reset_at").asString()).toLocalDate())
				.as("the next midnight")
				.isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(1));

			String own = "own-" + UUID.randomUUID();
			api.post("/user/new", MASTER_KEY, Map.of("user_id", own, "models", List.of("gpt-4o"), "max_budget", 1));
			JsonNode ownUser = api.get("/user/info?user_id=" + own, MASTER_KEY).json().get("user_info");
			assertThat(ownUser.get("models").get(0).asString()).isEqualTo("gpt-4o");
			assertThat(ownUser.get("max_budget").asDouble()).isEqualTo(1.0);
			assertThat(ownUser.get("budget_duration").asString()).as("unset, so the default's").isEqualTo("1d");

			String admin = "admin-" + UUID.randomUUID();
			api.post("/user/new", MASTER_KEY, Map.of("user_id", admin, "user_role", "proxy_admin"));
			JsonNode adminUser = api.get("/user/info?user_id=" + admin, MASTER_KEY).json().get("user_info");
			assertThat(adminUser.get("models")).as("a proxy admin gets no defaults").isEmpty();
			assertThat(adminUser.get("max_budget").isNull()).isTrue();
		}
		finally {
			gateway.close();
		}
	}

	@Test
	void newInternalUsersWithoutABudgetGetTheInternalUserBudgetAndItsDuration() throws Exception {
		ConfigurableApplicationContext gateway = startWith("""
				litellm_settings:
				  max_internal_user_budget: 2.5
				  internal_user_budget_duration: 1mo
				""");
		try {
			AdminClient api = new AdminClient(GatewayInstances.baseUrl(gateway));
			String plain = "budgeted-" + UUID.randomUUID();
			assertThat(api.post("/user/new", MASTER_KEY, Map.of("user_id", plain)).status()).isEqualTo(200);
			JsonNode user = api.get("/user/info?user_id=" + plain, MASTER_KEY).json().get("user_info");
			assertThat(user.get("user_role").asString()).isEqualTo("internal_user");
			assertThat(user.get("max_budget").asDouble()).isEqualTo(2.5);
			assertThat(user.get("budget_duration").asString()).isEqualTo("1mo");
			assertThat(OffsetDateTime.parse(user.get("budget_reset_at").asString()).toLocalDate())
				.as("the 1st of next month")
				.isEqualTo(LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1));

			String viewer = "viewer-" + UUID.randomUUID();
			api.post("/user/new", MASTER_KEY, Map.of("user_id", viewer, "user_role", "internal_user_viewer"));
			JsonNode viewerUser = api.get("/user/info?user_id=" + viewer, MASTER_KEY).json().get("user_info");
			assertThat(viewerUser.get("max_budget").asDouble()).as("a viewer is an internal user too").isEqualTo(2.5);
			assertThat(viewerUser.get("budget_duration").asString()).isEqualTo("1mo");

			String own = "own-budget-" + UUID.randomUUID();
			api.post("/user/new", MASTER_KEY, Map.of("user_id", own, "max_budget", 9, "budget_duration", "1d"));
			JsonNode ownUser = api.get("/user/info?user_id=" + own, MASTER_KEY).json().get("user_info");
			assertThat(ownUser.get("max_budget").asDouble()).as("the request's own budget wins").isEqualTo(9.0);
			assertThat(ownUser.get("budget_duration").asString()).isEqualTo("1d");

			String admin = "budget-admin-" + UUID.randomUUID();
			api.post("/user/new", MASTER_KEY, Map.of("user_id", admin, "user_role", "proxy_admin"));
			JsonNode adminUser = api.get("/user/info?user_id=" + admin, MASTER_KEY).json().get("user_info");
			assertThat(adminUser.get("max_budget").isNull()).as("not an internal user: no budget").isTrue();
			assertThat(adminUser.path("budget_duration").isNull()).isTrue();
		}
		finally {
			gateway.close();
		}
	}

	@Test
	void aFirstSingleSignOnGetsTheModelsBudgetAndLimits() {
		LitellmSettings settings = new ConfigLoader(EnvironmentLookup.of(Map.of()))
			.parse("litellm_settings:\n  default_internal_user_params: " + DEFAULTS + "\n", "t")
			.litellmSettings();
		Map<String, Object> columns = new UserRules(new AdminClock(Clock.systemUTC(), ZoneOffset.UTC), settings)
			.signOnColumns();
		assertThat(columns).containsEntry("models", List.of("gpt-4o-mini"))
			.containsEntry("max_budget", 5.0)
			.containsEntry("budget_duration", "1d")
			.containsKey("budget_reset_at")
			.doesNotContainKey("user_role")
			.doesNotContainKey("available_teams");
	}

	@Test
	void aDefaultNoRequestCouldSetStopsTheStart() throws Exception {
		assertThatThrownBy(() -> start("{max_budget: lots}").close())
			.hasStackTraceContaining("litellm_settings.default_internal_user_params: Invalid value for max_budget");
	}

	private ConfigurableApplicationContext start(String defaults) throws Exception {
		return startWith("""
				litellm_settings:
				  default_internal_user_params: %s
				""".formatted(defaults));
	}

	private ConfigurableApplicationContext startWith(String litellmSettings) throws Exception {
		Path config = Files.createTempFile(this.dir, "config", ".yaml");
		Files.writeString(config, """
				model_list:
				  - model_name: gpt-4o-mini
				    litellm_params: {model: openai/gpt-4o-mini, api_base: "%s", api_key: k}
				general_settings: {master_key: %s}
				""".formatted(FakeLlmServerProcess.shared().baseUrl(), MASTER_KEY) + litellmSettings);
		return GatewayInstances.startWithConfig(config,
				"--gateway.data-dir=" + this.dir.resolve("data-" + UUID.randomUUID()));
	}

}
