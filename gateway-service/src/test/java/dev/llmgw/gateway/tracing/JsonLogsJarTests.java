package dev.llmgw.gateway.tracing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar as an operator of LiteLLM runs it with {@code JSON_LOGS=True} and
 * {@code callbacks: ["otel"]} pointed by {@code OTEL_EXPORTER_OTLP_ENDPOINT}: from the
 * switch on, every line of the log is one JSON object, and a call's access line carries
 * its call id and the trace id the caller sent.
 */
class JsonLogsJarTests {

	private static final String MASTER_KEY = "sk-json-logs-master-0123";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	@TempDir
	Path dir;

	@Test
	void everyLineIsJsonAndTheAccessLineNamesTheCallAndItsTrace() throws Exception {
		Path config = this.dir.resolve("config.yaml");
		Files.writeString(config,
				"""
						model_list:
						  - model_name: json-chat
						    litellm_params: {model: "openai/json-chat", api_base: "%1$s", api_key: k}
						  - model_name: json-cut
						    litellm_params: {model: "openai/json-cut;chunks=6;error_after_chunks=2", api_base: "%1$s", api_key: k}
						litellm_settings:
						  callbacks: ["otel"]
						general_settings:
						  master_key: %2$s
						"""
					.formatted(FakeLlmServerProcess.shared().baseUrl(), MASTER_KEY));
		int port = GatewayJar.freePort();
		Map<String, String> environment = new HashMap<>();
		environment.put("SERVER_PORT", Integer.toString(port));
		environment.put("CONFIG_FILE_PATH", config.toString());
		environment.put("JSON_LOGS", "True");
		environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + FakeLlmServerProcess.shared().port());
		Process gateway = GatewayJar.start(this.dir, environment);
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		String callId;
		String cutCallId;
		try {
			GatewayJar.awaitLive(this.client, port, gateway, this.dir);
			HttpResponse<String> call = this.client
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
					.header("Authorization", "Bearer " + MASTER_KEY)
					.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
					.POST(HttpRequest.BodyPublishers
						.ofString("{\"model\":\"json-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(call.statusCode()).isEqualTo(200);
			callId = call.headers().firstValue("x-litellm-call-id").orElseThrow();
			// a stream that breaks after it began: the gateway warns about that call
			HttpResponse<String> cut = this.client.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
				.header("Authorization", "Bearer " + MASTER_KEY)
				.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
				.POST(HttpRequest.BodyPublishers.ofString(
						"{\"model\":\"json-cut\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			cutCallId = cut.headers().firstValue("x-litellm-call-id").orElseThrow();
		}
		finally {
			gateway.destroy();
			assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		List<String> lines = GatewayJar.log(this.dir).lines().toList();
		int switched = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains("JSON lines from here on")) {
				switched = i;
			}
		}
		assertThat(switched).as("the switch is logged").isNotNegative();
		JsonNode access = null;
		JsonNode warning = null;
		for (String line : lines.subList(switched + 1, lines.size())) {
			if (line.isBlank()) {
				continue;
			}
			JsonNode json = JSON.readTree(line);
			assertThat(json.has("message") && json.has("level") && json.has("timestamp")).as(line).isTrue();
			if (callId.equals(json.path("call_id").asString(null))) {
				access = json;
			}
			if (cutCallId.equals(json.path("call_id").asString(null)) && json.path("level").asString().equals("WARN")) {
				warning = json;
			}
		}
		assertThat(access).as("the call's access line").isNotNull();
		assertThat(access.path("trace_id").asString()).isEqualTo(traceId);
		assertThat(access.path("logger").asString()).isEqualTo("dev.llmgw.gateway.access");
		assertThat(warning).as("a line written during a call, not its access line, names the call too").isNotNull();
		assertThat(warning.path("logger").asString()).isNotEqualTo("dev.llmgw.gateway.access");
		assertThat(warning.path("trace_id").asString()).isEqualTo(traceId);
		assertThat(String.join("\n", lines)).doesNotContain(MASTER_KEY);
	}

}
