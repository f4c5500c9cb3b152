package dev.llmgw.gateway.spend;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.AdminClient.Reply;
import dev.llmgw.gateway.support.DatabaseQueries;
import dev.llmgw.gateway.support.ExternalServices;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Spend through the gateway: the fake LLM server reports usage, the bundled price map
 * prices it, and the cost is added to the key, its user and the end user and logged once
 * per call, streams included; with {@code disable_spend_logs}, counted but not logged.
 */
class SpendIntegrationTests extends GatewayTestBase {

	/**
	 * gpt-4o-mini: $0.15 per million prompt tokens and $0.60 per million completion
	 * tokens.
	 */
	private static final double INPUT = 1.5e-7;

	private static final double OUTPUT = 6e-7;

	private AdminClient api;

	@BeforeEach
	void client() {
		this.api = new AdminClient(url(""));
	}

	@Test
	void aCallsCostIsChargedToItsKeyUserAndEndUserAndLoggedOnce() throws Exception {
		String userId = "spender-" + java.util.UUID.randomUUID();
		String key = this.api.post("/user/new", MASTER_KEY, Map.of("user_id", userId)).text("/key");
		String customer = "customer-" + java.util.UUID.randomUUID();
		HttpResponse<String> response = send(request("/v1/chat/completions").header("Authorization", "Bearer " + key)
			.POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"user\":\"" + customer
					+ "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}"))
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		// the fake counts words: 2 prompt tokens, "You said: hello there" is 4 completion
		// tokens
		double expected = 2 * INPUT + 4 * OUTPUT;
		assertThat(Double.parseDouble(response.headers().firstValue("x-litellm-response-cost").orElseThrow()))
			.isCloseTo(expected, within(1e-12));
		String callId = response.headers().firstValue("x-litellm-call-id").orElseThrow();
		assertThat(Double.parseDouble(response.headers().firstValue("x-litellm-key-spend").orElseThrow()))
			.as("the key's spend including this call")
			.isCloseTo(expected, within(1e-12));

		assertThat(
				eventually(() -> this.api.get("/key/info?key=" + key, MASTER_KEY).json().at("/info/spend").asDouble()))
			.isCloseTo(expected, within(1e-12));
		assertThat(
				this.api.get("/key/info?key=" + key, MASTER_KEY).json().at("/info/model_spend/gpt-4o-mini").asDouble())
			.as("per model")
			.isCloseTo(expected, within(1e-12));
		assertThat(this.api.get("/user/info?user_id=" + userId, MASTER_KEY).json().at("/user_info/spend").asDouble())
			.isCloseTo(expected, within(1e-12));
		assertThat(this.api.get("/customer/info?end_user_id=" + customer, MASTER_KEY).json().get("spend").asDouble())
			.as("end users are tracked without being created")
			.isCloseTo(expected, within(1e-12));

		Reply logs = this.api.get("/spend/logs?request_id=" + callId, MASTER_KEY);
		assertThat(logs.json().size()).isEqualTo(1);
		JsonNode row = logs.json().get(0);
		assertThat(row.get("status").asString()).isEqualTo("success");
		assertThat(row.get("spend").asDouble()).isCloseTo(expected, within(1e-12));
		assertThat(row.get("prompt_tokens").asInt()).isEqualTo(2);
		assertThat(row.get("completion_tokens").asInt()).isEqualTo(4);
		assertThat(row.get("model_group").asString()).isEqualTo("gpt-4o-mini");
		assertThat(row.get("model_id").asString()).isEqualTo("mini-deployment");
		assertThat(row.get("end_user").asString()).isEqualTo(customer);
		assertThat(row.get("user").asString()).isEqualTo(userId);
		assertThat(row.toString()).doesNotContain(key);
	}

	@Test
	void streamsAreChargedFromTheirFinalUsage() throws Exception {
		String key = this.api.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		HttpResponse<String> response = send(request("/v1/chat/completions").header("Authorization", "Bearer " + key)
			.POST(HttpRequest.BodyPublishers.ofString(streamChat("gpt-4o-mini", "one two three", false)))
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).as("the usage chunk stays hidden").doesNotContain("\"choices\":[]");
		double expected = 3 * INPUT + 5 * OUTPUT;
		assertThat(
				eventually(() -> this.api.get("/key/info?key=" + key, MASTER_KEY).json().at("/info/spend").asDouble()))
			.isCloseTo(expected, within(1e-12));
	}

	@Test
	void streamsWithoutUsageAreChargedAnEstimate() throws Exception {
		String key = this.api.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		HttpResponse<String> response = send(request("/v1/chat/completions").header("Authorization", "Bearer " + key)
			.POST(HttpRequest.BodyPublishers.ofString(streamChat("no-usage", "tell me a long story please", true)))
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).as("the provider sent no usage").doesNotContain("\"usage\":{");
		List<JsonNode> rows = eventuallyRows(key, 1);
		assertThat(rows).hasSize(1);
		JsonNode row = rows.get(0);
		assertThat(row.get("prompt_tokens").asInt()).isEqualTo("tell me a long story please".length() / 4 + 1);
		// "You said: tell me a long story please" is 38 characters, about 9 tokens
		assertThat(row.get("completion_tokens").asInt()).isBetween(6, 14);
		assertThat(row.get("spend").asDouble()).isPositive();
	}

	@Test
	void failuresAreLoggedAtNoCostAndHistoryIsPrivate() throws Exception {
		String key = this.api.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		String other = this.api.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		assertThat(this.api.chat(key, "broken").status()).isEqualTo(500);
		assertThat(this.api.chat(other, "gpt-4o-mini").status()).isEqualTo(200);
		List<JsonNode> own = eventuallyRows(key, 1);
		assertThat(own).hasSize(1);
		assertThat(own.get(0).get("status").asString()).isEqualTo("failure");
		assertThat(own.get(0).get("spend").asDouble()).isZero();
		Reply asOther = this.api.get("/spend/logs?api_key=" + key, other);
		asOther.json()
			.forEach((row) -> assertThat(row.get("api_key").asString())
				.isEqualTo(dev.llmgw.gateway.auth.KeyHashes.sha256Hex(other)));
		assertThat(this.api.get("/global/spend", other).status()).isEqualTo(401);
		assertThat(this.api.get("/global/spend", MASTER_KEY).json().get("spend").asDouble()).isPositive();
		Reply report = this.api.get("/global/spend/report?group_by=model", MASTER_KEY);
		assertThat(report.status()).isEqualTo(200);
		JsonNode today = report.json().get(report.json().size() - 1);
		assertThat(today.get("date").asString())
			.isEqualTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
		List<String> models = new java.util.ArrayList<>();
		today.get("models").forEach((entry) -> models.add(entry.get("name").asString()));
		assertThat(models).contains("gpt-4o-mini", "broken");
		assertThat(this.api.get("/global/spend/report?group_by=weather", MASTER_KEY).status()).isEqualTo(400);
		assertThat(this.api.get("/global/spend/report", other).status()).isEqualTo(401);
	}

	@Test
	void disableSpendLogsWritesNoRowsButStillCountsTheSpend(@TempDir Path dir) throws Exception {
		String databaseUrl = ExternalServices.newPostgresDatabase();
		Path config = Files.writeString(dir.resolve("config.yaml"), """
				model_list:
				  - model_name: gpt-4o-mini
				    litellm_params: {model: openai/gpt-4o-mini, api_base: "%s", api_key: k}
				general_settings:
				  master_key: %s
				  disable_spend_logs: true
				""".formatted(FakeLlmServerProcess.shared().baseUrl(), MASTER_KEY));
		try (ConfigurableApplicationContext gateway = GatewayInstances.startWithConfig(config,
				"--gateway.database-url=" + databaseUrl, "--gateway.data-dir=" + dir.resolve("data"))) {
			AdminClient quiet = new AdminClient(GatewayInstances.baseUrl(gateway));
			String key = quiet.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
			for (int i = 0; i < 2; i++) {
				assertThat(quiet.chat(key, "gpt-4o-mini").status()).isEqualTo(200);
			}
			// "hi": 1 prompt token; "You said: hi": 3 completion tokens
			double expected = 2 * (1 * INPUT + 3 * OUTPUT);
			String nanoDollars = "SELECT spend * 1e9 FROM api_keys WHERE token = '" + KeyHashes.sha256Hex(key) + "'";
			// a batch's spend-log rows and the key's spend are written in one
			// transaction: once both calls' spend is there, their rows would be too
			await().atMost(Duration.ofSeconds(10))
				.until(() -> DatabaseQueries.number(databaseUrl, nanoDollars) == Math.round(expected * 1e9));
			assertThat(DatabaseQueries.number(databaseUrl, "SELECT COUNT(*) FROM spend_logs")).isZero();
			assertThat(quiet.get("/spend/logs?api_key=" + key, MASTER_KEY).json()).isEmpty();
			assertThat(quiet.get("/key/info?key=" + key, MASTER_KEY).json().at("/info/spend").asDouble())
				.as("spend is still counted")
				.isCloseTo(expected, within(1e-12));
		}
	}

	private List<JsonNode> eventuallyRows(String key, int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		List<JsonNode> rows = List.of();
		while (System.nanoTime() < deadline) {
			List<JsonNode> found = new java.util.ArrayList<>();
			this.api.get("/spend/logs?api_key=" + key, MASTER_KEY).json().forEach(found::add);
			rows = found;
			if (rows.size() >= count) {
				return rows;
			}
			Thread.sleep(100);
		}
		return rows;
	}

	/**
	 * Spend is written after the response, within the flush interval: wait for it, up to
	 * 5 s.
	 */
	private static double eventually(DoubleSupplier spend) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		double value = spend.getAsDouble();
		while (value == 0 && System.nanoTime() < deadline) {
			Thread.sleep(100);
			value = spend.getAsDouble();
		}
		return value;
	}

}
