package dev.llmgw.gateway.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.AdminClient.Reply;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayInstances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * general_settings' allowed_routes, public_routes and admin_only_routes, as LiteLLM
 * enforces them, over HTTP.
 */
class ProxyRoutesIntegrationTests {

	private static final String MASTER_KEY = "sk-proxy-routes-master";

	@TempDir
	static Path dir;

	private static ConfigurableApplicationContext gateway;

	private static AdminClient api;

	private static String userKey;

	@BeforeAll
	static void start() throws Exception {
		Path config = Files.writeString(dir.resolve("config.yaml"),
				"""
						model_list:
						  - model_name: gpt-4o-mini
						    litellm_params: {model: openai/gpt-4o-mini, api_base: "%s", api_key: k}
						general_settings:
						  master_key: %s
						  allowed_routes: [/v1/chat/completions, /key/generate, /model/info, /v1/models, /user/new, /public/echo]
						  public_routes: [/v1/models]
						  admin_only_routes: [/model/info]
						"""
					.formatted(FakeLlmServerProcess.shared().baseUrl(), MASTER_KEY));
		gateway = GatewayInstances.startWithConfig(config, "--gateway.data-dir=" + dir.resolve("data"));
		api = new AdminClient(GatewayInstances.baseUrl(gateway));
		String user = "routes-" + UUID.randomUUID();
		assertThat(api.post("/user/new", MASTER_KEY, Map.of("user_id", user)).status()).isEqualTo(200);
		Reply key = api.post("/key/generate", MASTER_KEY, Map.of("user_id", user, "models", List.of("gpt-4o-mini")));
		assertThat(key.status()).as(key.body()).isEqualTo(200);
		userKey = key.text("/key");
	}

	@AfterAll
	static void stop() {
		gateway.close();
	}

	@Test
	void allowedRoutesBindEveryoneTheMasterKeyToo() {
		for (String path : List.of("/key/list", "/key//list", "/key/%6Cist", "/spend/logs", "/health")) {
			Reply refused = api.get(path, MASTER_KEY);
			assertThat(refused.status()).as(path).isEqualTo(403);
			assertThat(refused.text("/error/message")).as(path)
				.startsWith("Access forbidden: Route /")
				.endsWith(" not allowed");
			assertThat(refused.text("/error/type")).isEqualTo("auth_error");
		}
		assertThat(api.chat(userKey, "gpt-4o-mini").status()).isEqualTo(200);
		assertThat(api.get("/health/liveliness", null).status()).as("the load balancer's probe stays open")
			.isEqualTo(200);
	}

	@Test
	void publicRoutesAnswerWithoutAKey() {
		Reply models = api.get("/v1/models", null);
		assertThat(models.status()).as(models.body()).isEqualTo(200);
		assertThat(models.body()).contains("gpt-4o-mini");
		assertThat(api.chat(null, "gpt-4o-mini").status()).as("other routes still need a key").isEqualTo(401);
	}

	@Test
	void adminOnlyRoutesRefuseEveryoneButAProxyAdmin() {
		assertThat(api.get("/model/info", MASTER_KEY).status()).isEqualTo(200);
		for (String path : List.of("/model/info", "/model//info", "/model/%69nfo")) {
			Reply refused = api.get(path, userKey);
			assertThat(refused.status()).as(path).isEqualTo(403);
			assertThat(refused.text("/error/message"))
				.isEqualTo("user not allowed to access this route. Route=/model/info is an admin only route");
		}
	}

}
