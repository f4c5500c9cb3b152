package dev.llmgw.gateway.api;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ModelsAndHealthIntegrationTests extends GatewayTestBase {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void listsConfiguredModelsAndAliases() {
		for (String path : new String[] { "/v1/models", "/models" }) {
			HttpResponse<String> response = get(path);
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode body = this.json.readTree(response.body());
			assertThat(body.get("object").asString()).isEqualTo("list");
			List<String> ids = new ArrayList<>();
			body.get("data").forEach((model) -> {
				ids.add(model.get("id").asString());
				assertThat(model.get("object").asString()).isEqualTo("model");
			});
			assertThat(ids).startsWith("gpt-4o-mini", "slow-stream").contains("bedrock-model", "gpt-4");
		}
	}

	@Test
	void retrievesOneModel() {
		HttpResponse<String> response = get("/v1/models/gpt-4o-mini");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(response.body()).get("id").asString()).isEqualTo("gpt-4o-mini");
		HttpResponse<String> missing = get("/v1/models/nope");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("The model 'nope' does not exist");
	}

	@Test
	void probes() {
		HttpResponse<String> live = get("/health/liveliness");
		assertThat(live.statusCode()).isEqualTo(200);
		assertThat(live.body()).isEqualTo("\"I'm alive!\"");
		HttpResponse<String> ready = get("/health/readiness");
		assertThat(ready.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(ready.body()).get("status").asString()).isEqualTo("connected");
		assertThat(this.json.readTree(ready.body()).get("db").asString()).isEqualTo("connected");
	}

	@Test
	void healthCallsEachDeployment() {
		HttpResponse<String> response = get("/health");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = this.json.readTree(response.body());
		List<String> healthy = new ArrayList<>();
		body.get("healthy_endpoints").forEach((endpoint) -> healthy.add(endpoint.get("model_name").asString()));
		List<String> unhealthy = new ArrayList<>();
		body.get("unhealthy_endpoints").forEach((endpoint) -> unhealthy.add(endpoint.get("model_name").asString()));
		assertThat(healthy).as(response.body())
			.contains("gpt-4o-mini", "echo", "text-embedding-3-small", "bedrock-claude", "claude-direct")
			.doesNotContain("broken", "nova-canvas", "sd3");
		assertThat(unhealthy).contains("broken", "rate-limited", "unreachable", "no-key", "slow")
			.as("image models are not probed: each probe would cost an image")
			.doesNotContain("nova-canvas", "sd3");
		assertThat(body.get("healthy_count").asInt()).isEqualTo(healthy.size());
		assertThat(response.body()).doesNotContain("fake-key").doesNotContain("fake-secret");
		assertThat(response.body()).contains("\"model\":\"openai/gpt-4o-mini\"")
			.contains("\"custom_llm_provider\":\"bedrock\"");
	}

}
