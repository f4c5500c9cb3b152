package dev.llmgw.gateway.budget;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.GatewayApplication;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * litellm_settings.max_budget: the whole proxy stops at it, except for the master key.
 */
class ProxyBudgetIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void theProxyStopsAtItsBudgetButNotForTheMasterKey() throws Exception {
		Path config = this.dir.resolve("config.yaml");
		Files.writeString(config, """
				model_list:
				  - model_name: gpt-4o-mini
				    litellm_params: {model: openai/gpt-4o-mini, api_base: "%s", api_key: k}
				general_settings: {master_key: sk-proxy-budget-master}
				litellm_settings: {max_budget: 0.000001, budget_duration: 30d}
				""".formatted(FakeLlmServerProcess.shared().baseUrl()));
		ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
				"--server.port=0", "--server.address=127.0.0.1", "--gateway.config-file-path=" + config,
				"--gateway.data-dir=" + this.dir.resolve("data"));
		try {
			AdminClient api = new AdminClient(
					"http://127.0.0.1:" + ((WebServerApplicationContext) gateway).getWebServer().getPort());
			String key = api.post("/key/generate", "sk-proxy-budget-master", Map.of()).text("/key");
			Map<String, Object> body = Map.of("model", "gpt-4o-mini", "max_tokens", 1, "messages",
					List.of(Map.of("role", "user", "content", "hi")));
			assertThat(api.post("/v1/chat/completions", key, body).status()).isEqualTo(200);
			AdminClient.Reply refused = api.post("/v1/chat/completions", key, body);
			for (int i = 0; i < 20 && refused.status() == 200; i++) {
				Thread.sleep(50);
				refused = api.post("/v1/chat/completions", key, body);
			}
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.text("/error/type")).isEqualTo("budget_exceeded");
			assertThat(api.post("/v1/chat/completions", "sk-proxy-budget-master", body).status())
				.as("the master key is exempt")
				.isEqualTo(200);
		}
		finally {
			gateway.close();
		}
	}

}
