package dev.llmgw.gateway.budget;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayInstances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * litellm_settings.max_end_user_budget and max_end_user_budget_id: end users (a request's
 * {@code user}) without a budget of their own are held to the default, as in LiteLLM: the
 * named budget row when it exists, else the amount; one with its own budget is not.
 */
class EndUserDefaultBudgetIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void endUsersWithoutABudgetAreHeldToTheDefault() throws Exception {
		Path config = this.dir.resolve("config.yaml");
		Files.writeString(config, """
				model_list:
				  - model_name: gpt-4o-mini
				    litellm_params: {model: openai/gpt-4o-mini, api_base: "%s", api_key: k}
				general_settings: {master_key: sk-end-user-default}
				litellm_settings: {max_end_user_budget: 0.0000001, max_end_user_budget_id: default-end-users}
				""".formatted(FakeLlmServerProcess.shared().baseUrl()));
		ConfigurableApplicationContext gateway = GatewayInstances.startWithConfig(config,
				"--gateway.data-dir=" + this.dir.resolve("data"));
		try {
			AdminClient api = new AdminClient(GatewayInstances.baseUrl(gateway));
			String key = api.post("/key/generate", "sk-end-user-default", Map.of()).text("/key");

			// no budget row named default-end-users yet: the amount holds, so the first
			// call
			// passes and the next is over
			assertThat(api.post("/v1/chat/completions", key, body("first-seen")).status()).isEqualTo(200);
			AdminClient.Reply refused = api.post("/v1/chat/completions", key, body("first-seen"));
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.text("/error/type")).isEqualTo("budget_exceeded");
			assertThat(refused.text("/error/message")).startsWith("ExceededBudget: End User=first-seen over budget.");

			// an end user with a budget of its own is held to that one
			assertThat(api.post("/customer/new", "sk-end-user-default", Map.of("user_id", "own", "max_budget", 1))
				.status()).isEqualTo(200);
			for (int i = 0; i < 3; i++) {
				assertThat(api.post("/v1/chat/completions", key, body("own")).status()).isEqualTo(200);
			}

			// the named default budget, once it exists, is the one new end users get
			assertThat(api
				.post("/budget/new", "sk-end-user-default", Map.of("budget_id", "default-end-users", "max_budget", 1))
				.status()).isEqualTo(200);
			for (int i = 0; i < 3; i++) {
				assertThat(api.post("/v1/chat/completions", key, body("later")).status()).isEqualTo(200);
			}
		}
		finally {
			gateway.close();
		}
	}

	private static Map<String, Object> body(String user) {
		return Map.of("model", "gpt-4o-mini", "max_tokens", 1, "user", user, "messages",
				List.of(Map.of("role", "user", "content", "hi")));
	}

}
