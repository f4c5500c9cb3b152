package dev.llmgw.gateway.admin.teams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.GatewayInstances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * litellm_settings.default_team_params, as LiteLLM copies it onto a new team: every field
 * the /team/new body leaves unset takes the default; a value no request could set stops
 * the start.
 */
class DefaultTeamParamsIntegrationTests {

	private static final String MASTER_KEY = "sk-default-team-params";

	@TempDir
	Path dir;

	@Test
	void newTeamsTakeTheDefaultsTheirRequestLeavesOut() throws Exception {
		try (ConfigurableApplicationContext gateway = start(
				"{max_budget: 7, budget_duration: 30d, tpm_limit: 100, models: [gpt-4o-mini]}")) {
			AdminClient api = new AdminClient(GatewayInstances.baseUrl(gateway));
			String plain = "plain-" + UUID.randomUUID();
			assertThat(api.post("/team/new", MASTER_KEY, Map.of("team_id", plain, "models", List.of())).status())
				.isEqualTo(200);
			JsonNode team = api.get("/team/info?team_id=" + plain, MASTER_KEY).json().get("team_info");
			assertThat(team.get("max_budget").asDouble()).isEqualTo(7.0);
			assertThat(team.get("budget_duration").asString()).isEqualTo("30d");
			assertThat(team.get("tpm_limit").asLong()).isEqualTo(100);
			assertThat(team.get("models").get(0).asString()).isEqualTo("gpt-4o-mini");
			assertThat(team.get("budget_reset_at").isNull()).isFalse();

			String own = "own-" + UUID.randomUUID();
			api.post("/team/new", MASTER_KEY, Map.of("team_id", own, "max_budget", 1, "tpm_limit", 5));
			JsonNode ownTeam = api.get("/team/info?team_id=" + own, MASTER_KEY).json().get("team_info");
			assertThat(ownTeam.get("max_budget").asDouble()).isEqualTo(1.0);
			assertThat(ownTeam.get("tpm_limit").asLong()).isEqualTo(5);
			assertThat(ownTeam.get("budget_duration").asString()).as("unset, so the default's").isEqualTo("30d");
		}
	}

	@Test
	void aDefaultNoRequestCouldSetStopsTheStart() {
		assertThatThrownBy(() -> start("{max_budget: lots}").close())
			.hasStackTraceContaining("litellm_settings.default_team_params");
	}

	private ConfigurableApplicationContext start(String defaults) throws Exception {
		Path config = Files.createTempFile(this.dir, "config", ".yaml");
		Files.writeString(config, """
				general_settings: {master_key: %s}
				litellm_settings:
				  default_team_params: %s
				""".formatted(MASTER_KEY, defaults));
		return GatewayInstances.startWithConfig(config,
				"--gateway.data-dir=" + this.dir.resolve("data-" + UUID.randomUUID()));
	}

}
