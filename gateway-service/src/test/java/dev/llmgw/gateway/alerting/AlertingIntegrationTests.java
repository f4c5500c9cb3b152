package dev.llmgw.gateway.alerting;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.llmgw.gateway.config.ConfigException;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayInstances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Slack alerts as LiteLLM sends them, received by the fake's webhook collector:
 * exceptions, outages, slow responses and budgets, in LiteLLM's text, with no key in
 * them; each type at its own webhook when {@code alert_to_webhook_url} names one.
 */
class AlertingIntegrationTests {

	private static final String MASTER_KEY = "sk-alerting-master";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String HOOK = "/fake/webhook/alerts-" + UUID.randomUUID();

	private static final String SLOW_HOOK = "/fake/webhook/slow-alerts-" + UUID.randomUUID();

	@TempDir
	static Path dir;

	private static ConfigurableApplicationContext gateway;

	private static AdminClient api;

	@BeforeAll
	static void start() throws Exception {
		String fake = "http://127.0.0.1:" + FakeLlmServerProcess.shared().port();
		Path config = Files.writeString(dir.resolve("config.yaml"), """
				model_list:
				  - model_name: broken
				    litellm_params: {model: "openai/broken;error=500", api_base: "%1$s/v1", api_key: k}
				  - model_name: slow
				    litellm_params: {model: "openai/slow;latency_ms=1300", api_base: "%1$s/v1", api_key: k}
				  - model_name: gpt-4o-mini
				    litellm_params: {model: openai/gpt-4o-mini, api_base: "%1$s/v1", api_key: k}
				environment_variables:
				  SLACK_WEBHOOK_URL: "%1$s%2$s"
				general_settings:
				  master_key: %3$s
				  alerting: [slack]
				  alerting_threshold: 1
				  alert_types: [llm_exceptions, llm_too_slow, budget_alerts, outage_alerts, daily_reports]
				  alerting_args: {minor_outage_alert_threshold: 2, major_outage_alert_threshold: 3}
				  alert_to_webhook_url: {llm_too_slow: "%1$s%4$s"}
				""".formatted(fake, HOOK, MASTER_KEY, SLOW_HOOK));
		gateway = GatewayInstances.startWithConfig(config, "--gateway.alert-flush-interval=200ms",
				"--gateway.data-dir=" + dir.resolve("data"));
		api = new AdminClient(GatewayInstances.baseUrl(gateway));
	}

	@AfterAll
	static void stop() {
		gateway.close();
	}

	@Test
	void providerFailuresAlertAsExceptionsThenAsAnOutage() {
		for (int i = 0; i < 3; i++) {
			assertThat(api.chat(MASTER_KEY, "broken").status()).isEqualTo(500);
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String texts = String.join("\n----\n", texts());
			assertThat(texts).contains("Level: `High`")
				.contains("Message: LLM API call failed: `litellm.InternalServerError")
				.contains("*⚠️ Minor Service Outage*")
				.contains("*Model Name:* `broken`");
			// the major outage follows at once: squashed into the minor's post, as
			// LiteLLM squashes alerts of one type, unless a flush fell between them
			assertThat(texts).containsAnyOf("*⚠️ Major Service Outage*", "[Num Alerts: 2]\n\nLevel: `Medium`");
		});
	}

	@Test
	void aSlowAnswerAlertsWithoutItsMessagesAtItsTypesOwnWebhook() throws Exception {
		assertThat(api.chat(MASTER_KEY, "slow").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(String.join("\n", texts(SLOW_HOOK))).contains("`Responses are slow - ")
				.contains("s response time > Alerting threshold: 1.00s`")
				.contains("Messages: `Message not logged`"));
		assertThat(String.join("\n", texts(HOOK))).as("alert_to_webhook_url wins over SLACK_WEBHOOK_URL")
			.doesNotContain("Responses are slow");
	}

	@Test
	void aKeyPastItsBudgetAlertsOnceNamingTheBudgetNotTheKey() {
		AdminClient.Reply key = api.post("/key/generate", MASTER_KEY,
				Map.of("max_budget", 0.000001, "key_alias", "alerting-" + UUID.randomUUID()));
		String secret = key.text("/key");
		assertThat(api.post("/v1/chat/completions", secret, Map.of("model", "gpt-4o-mini", "mock_response", "spent",
				"messages", List.of(Map.of("role", "user", "content", "hi"))))
			.status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String texts = String.join("\n", texts());
			assertThat(texts).contains("Key Budget: Budget Crossed\n Total Budget:`1.0E-6`").contains("*max_budget:*");
			assertThat(texts).doesNotContain(secret).doesNotContain(MASTER_KEY);
		});
	}

	@Test
	void settingsThatCannotAlertStopTheStartOrAreSaid() {
		assertThatThrownBy(
				() -> AlertSettings.from(Map.of("alerting", List.of("slack")), EnvironmentLookup.of(Map.of())))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("slack needs a webhook: set SLACK_WEBHOOK_URL");
		assertThatThrownBy(() -> AlertSettings.from(Map.of("alerting", List.of("slack"), "alert_types", List.of("x")),
				EnvironmentLookup.of(Map.of("SLACK_WEBHOOK_URL", "https://hooks.example.com/a"))))
			.hasMessageContaining("unknown alert type \"x\"");
		AlertSettings settings = AlertSettings.from(
				Map.of("alerting", List.of("slack", "email"), "alert_types",
						List.of("daily_reports", "llm_exceptions")),
				EnvironmentLookup.of(Map.of("SLACK_WEBHOOK_URL", "https://hooks.example.com/secret-path")));
		assertThat(settings.warnings()).anyMatch((warning) -> warning.contains("\"email\" is not supported"))
			.anyMatch((warning) -> warning.contains("not sent by this gateway: [daily_reports]"));
		assertThat(settings.toString()).doesNotContain("secret-path");
		assertThat(AlertSettings.from(Map.of(), EnvironmentLookup.of(Map.of())).enabled()).isFalse();
	}

	/** The texts this test's SLACK_WEBHOOK_URL received. */
	private static List<String> texts() throws Exception {
		return texts(HOOK);
	}

	/** The texts one of this test's webhooks received. */
	private static List<String> texts(String hook) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + FakeLlmServerProcess.shared().port() + "/fake/webhook"))
				.build(), HttpResponse.BodyHandlers.ofString());
		List<String> texts = new ArrayList<>();
		for (JsonNode request : JSON.readTree(response.body())) {
			if (request.path("path").asString("").equals(hook)) {
				texts.add(request.at("/body/text").asString(""));
			}
		}
		return texts;
	}

}
