package dev.llmgw.gateway.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.AdminClient.Reply;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.gateway.support.TestGatewayConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway whose config.yaml leaves store_model_in_db off and sets router_settings:
 * model changes are refused with LiteLLM's message, and /router/settings reads the
 * settings back with LiteLLM's defaults for the rest.
 */
class ModelStoreDisabledIntegrationTests {

	private static ConfigurableApplicationContext gateway;

	private static AdminClient admin;

	@BeforeAll
	static void start() throws IOException {
		Path config = Files.createTempFile("router-settings", ".yaml");
		config.toFile().deleteOnExit();
		Files.writeString(config, """
				model_list:
				  - model_name: first
				    litellm_params: {model: openai/gpt-4o-mini, api_base: "%1$s", api_key: k}
				  - model_name: second
				    litellm_params: {model: openai/gpt-4o, api_base: "%1$s", api_key: k}
				router_settings:
				  routing_strategy: usage-based-routing-v2
				  num_retries: 3
				  timeout: 30
				  cooldown_time: 10
				  retry_after: 2
				  enable_pre_call_checks: true
				  fallbacks: [{first: [second]}]
				  context_window_fallbacks: [{first: [second]}]
				  default_fallbacks: [second]
				  model_group_alias: {alias: first}
				general_settings:
				  master_key: %2$s
				""".formatted(FakeLlmServerProcess.shared().baseUrl(), TestGatewayConfig.MASTER_KEY));
		gateway = GatewayInstances.startWithConfig(config, "--gateway.data-dir=" + TestGatewayConfig.dataDirectory());
		admin = new AdminClient(GatewayInstances.baseUrl(gateway));
	}

	@AfterAll
	static void stop() {
		if (gateway != null) {
			gateway.close();
		}
	}

	@Test
	void modelChangesNeedStoreModelInDb() {
		Reply refused = admin.post("/model/new", TestGatewayConfig.MASTER_KEY,
				ModelManagementIntegrationTests.newModel("x"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text("/error/message"))
			.isEqualTo("{'error': \"Set `'STORE_MODEL_IN_DB='True'` in your env to enable this feature.\"}");
		assertThat(admin.post("/model/delete", TestGatewayConfig.MASTER_KEY, Map.of("id", "x")).status())
			.isEqualTo(400);
		assertThat(admin.get("/model/info", TestGatewayConfig.MASTER_KEY).json().get("data")).hasSize(2);
	}

	@Test
	void routerSettingsReadBackWithDefaults() {
		Reply settings = admin.get("/router/settings", TestGatewayConfig.MASTER_KEY);
		assertThat(settings.status()).as(settings.body()).isEqualTo(200);
		String values = "/current_values/";
		assertThat(settings.text(values + "routing_strategy")).isEqualTo("usage-based-routing-v2");
		assertThat(settings.json().at(values + "num_retries").asInt()).isEqualTo(3);
		assertThat(settings.json().at(values + "timeout").asDouble()).isEqualTo(30.0);
		assertThat(settings.json().at(values + "cooldown_time").asDouble()).isEqualTo(10.0);
		assertThat(settings.json().at(values + "allowed_fails").asInt()).as("LiteLLM's default").isEqualTo(3);
		assertThat(settings.json().at(values + "retry_after").asDouble()).isEqualTo(2.0);
		assertThat(settings.json().at(values + "enable_pre_call_checks").asBoolean()).isTrue();
		assertThat(settings.text(values + "fallbacks/0/first/0")).isEqualTo("second");
		assertThat(settings.text(values + "context_window_fallbacks/0/first/0")).isEqualTo("second");
		assertThat(settings.json().at(values + "content_policy_fallbacks").size()).isZero();
		assertThat(settings.text(values + "default_fallbacks/0")).isEqualTo("second");
		assertThat(settings.text(values + "model_group_alias/alias")).isEqualTo("first");
		assertThat(settings.text("/routing_strategy_descriptions/simple-shuffle")).isNotBlank();
	}

}
