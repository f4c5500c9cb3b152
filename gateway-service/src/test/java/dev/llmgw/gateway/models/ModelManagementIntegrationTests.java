package dev.llmgw.gateway.models;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.AdminClient.Reply;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Models added, changed and deleted over HTTP as LiteLLM's admin scripts do it, on the
 * embedded database ({@code ModelManagementPostgresIntegrationTests} runs them on
 * PostgreSQL), with STORE_MODEL_IN_DB on.
 */
class ModelManagementIntegrationTests extends GatewayTestBase {

	static final String SECRET = "sk-provider-secret-0123456789";

	AdminClient admin;

	@DynamicPropertySource
	static void storeModels(DynamicPropertyRegistry registry) {
		registry.add("gateway.store-model-in-db", () -> "true");
	}

	@BeforeEach
	void client() {
		this.admin = new AdminClient(url(""));
	}

	@Test
	void addedModelAnswersAndIsListedWithoutItsSecrets() {
		String name = unique("added");
		Reply created = this.admin.post("/model/new", MASTER_KEY, newModel(name));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		String id = created.text("/model_id");
		assertThat(id).isNotBlank();
		assertThat(created.json().at("/model_info/db_model").asBoolean()).isTrue();
		assertThat(created.body()).doesNotContain(SECRET).doesNotContain("abcdefghijklmnop");

		Reply chat = this.admin.chat(MASTER_KEY, name);
		assertThat(chat.status()).as(chat.body()).isEqualTo(200);
		assertThat(this.admin.get("/v1/models", MASTER_KEY).body()).contains("\"" + name + "\"");

		Reply info = this.admin.get("/model/info", MASTER_KEY);
		assertThat(info.status()).isEqualTo(200);
		assertThat(info.body()).doesNotContain(SECRET).doesNotContain("fake-key").doesNotContain("AKIDFAKE");
		JsonNode item = item(info, id);
		assertThat(item.get("model_name").asString()).isEqualTo(name);
		assertThat(item.at("/litellm_params/model").asString()).isEqualTo("openai/gpt-4o-mini");
		assertThat(item.at("/litellm_params").has("api_key")).isFalse();
		assertThat(item.at("/litellm_params/extra_headers/Authorization").asString()).isEqualTo("Be****op");
		assertThat(item.at("/litellm_params/rpm").asInt()).isEqualTo(10);
		assertThat(item.at("/model_info/db_model").asBoolean()).isTrue();
		assertThat(item.at("/model_info/mode").asString()).isEqualTo("chat");
		assertThat(item.at("/model_info/litellm_provider").asString()).isEqualTo("openai");
		assertThat(item.at("/model_info/input_cost_per_token").asDouble()).as("from the price map").isPositive();
		assertThat(item.at("/model_info/max_input_tokens").asInt()).isPositive();
		assertThat(item(info, "mini-deployment").at("/model_info/db_model").asBoolean()).isFalse();

		Reply one = this.admin.get("/v1/model/info?litellm_model_id=" + id, MASTER_KEY);
		assertThat(one.json().get("data")).hasSize(1);
		assertThat(this.admin.get("/model/info?litellm_model_id=nope", MASTER_KEY).status()).isEqualTo(404);
	}

	@Test
	void modelInfoFollowsTheKeysModels() {
		String key = this.admin.post("/key/generate", MASTER_KEY, Map.of("models", List.of("gpt-4o"))).text("/key");
		Reply info = this.admin.get("/model/info", key);
		assertThat(info.status()).as(info.body()).isEqualTo(200);
		assertThat(info.json().get("data")).hasSize(1);
		assertThat(info.text("/data/0/model_name")).isEqualTo("gpt-4o");
	}

	@Test
	void aBadBodyIsRefusedNamingThePath() {
		Map<String, Object> body = newModel(unique("bad"));
		@SuppressWarnings("unchecked")
		Map<String, Object> params = (Map<String, Object>) body.get("litellm_params");
		params.put("rpm", "fast");
		Reply refused = this.admin.post("/model/new", MASTER_KEY, body);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text("/error/message")).isEqualTo("litellm_params.rpm: expected integer, got \"fast\"");
		assertThat(refused.text("/error/param")).isEqualTo("litellm_params.rpm");
		Reply noModel = this.admin.post("/model/new", MASTER_KEY,
				Map.of("model_name", "x", "litellm_params", Map.of("api_key", "k")));
		assertThat(noModel.text("/error/message")).isEqualTo("litellm_params.model: required (e.g. openai/gpt-4o)");
		Reply noName = this.admin.post("/model/new", MASTER_KEY, Map.of("litellm_params", Map.of("model", "openai/x")));
		assertThat(noName.text("/error/message")).isEqualTo("model_name: required");
		Reply unknownProvider = this.admin.post("/model/new", MASTER_KEY,
				Map.of("model_name", "x", "litellm_params", Map.of("model", "vertexai/gemini-2.0-flash")));
		assertThat(unknownProvider.status()).isEqualTo(400);
		assertThat(unknownProvider.text("/error/message"))
			.startsWith("litellm_params.model: unknown provider 'vertexai' in \"vertexai/gemini-2.0-flash\"");
		assertThat(unknownProvider.text("/error/param")).isEqualTo("litellm_params.model");
	}

	@Test
	void onlyAdminsManageModels() {
		String key = this.admin.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		Reply refused = this.admin.post("/model/new", key, newModel(unique("nope")));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.text("/error/message"))
			.startsWith("{'error': 'User does not have permission to make this model call. Your role=internal_user.");
		assertThat(this.admin.post("/model/delete", key, Map.of("id", "mini-deployment")).status()).isEqualTo(403);
		assertThat(this.admin.get("/router/settings", key).status()).isEqualTo(401);
	}

	@Test
	void deletedModelIsGoneAndConfigModelsStay() {
		String name = unique("deleted");
		String id = this.admin.post("/model/new", MASTER_KEY, newModel(name)).text("/model_id");
		assertThat(this.admin.chat(MASTER_KEY, name).status()).isEqualTo(200);
		Reply deleted = this.admin.post("/model/delete", MASTER_KEY, Map.of("id", id));
		assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
		assertThat(deleted.text("/message")).isEqualTo("Model: " + id + " deleted successfully");
		Reply gone = this.admin.chat(MASTER_KEY, name);
		assertThat(gone.status()).isEqualTo(400);
		assertThat(gone.text("/error/message")).contains("Invalid model name passed in model=" + name);
		assertThat(this.admin.get("/v1/models", MASTER_KEY).body()).doesNotContain("\"" + name + "\"");
		Reply again = this.admin.post("/model/delete", MASTER_KEY, Map.of("id", id));
		assertThat(again.status()).isEqualTo(404);
		assertThat(again.text("/error/message")).isEqualTo("{'error': 'Model with id=" + id + " not found in db'}");
		Reply config = this.admin.post("/model/delete", MASTER_KEY, Map.of("id", "mini-deployment"));
		assertThat(config.status()).isEqualTo(400);
		assertThat(config.text("/error/message")).contains("config.yaml");
		assertThat(this.admin.chat(MASTER_KEY, "gpt-4o-mini").status()).isEqualTo(200);
	}

	@Test
	void updateMergesParamsOverTheStoredOnes() {
		String name = unique("updated");
		String id = this.admin.post("/model/new", MASTER_KEY, newModel(name)).text("/model_id");
		Reply updated = this.admin.post("/model/update", MASTER_KEY,
				Map.of("litellm_params", Map.of("rpm", 20), "model_info", Map.of("id", id)));
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		JsonNode item = item(this.admin.get("/model/info", MASTER_KEY), id);
		assertThat(item.at("/litellm_params/rpm").asInt()).isEqualTo(20);
		assertThat(item.at("/litellm_params/api_base").asString()).isEqualTo(FakeLlmServerProcess.shared().baseUrl());
		assertThat(this.admin.chat(MASTER_KEY, name).status()).isEqualTo(200);
		Reply config = this.admin.post("/model/update", MASTER_KEY,
				Map.of("litellm_params", Map.of("rpm", 20), "model_info", Map.of("id", "mini-deployment")));
		assertThat(config.status()).isEqualTo(400);
	}

	@Test
	void routerSettingsReadBack() {
		Reply settings = this.admin.get("/router/settings", MASTER_KEY);
		assertThat(settings.status()).as(settings.body()).isEqualTo(200);
		assertThat(settings.text("/current_values/routing_strategy")).isEqualTo("simple-shuffle");
		assertThat(settings.text("/current_values/model_group_alias/gpt-4")).isEqualTo("gpt-4o-mini");
		assertThat(settings.json().at("/fields/0/field_name").asString()).isEqualTo("routing_strategy");
	}

	static Map<String, Object> newModel(String name) {
		Map<String, Object> params = new java.util.LinkedHashMap<>();
		params.put("model", "openai/gpt-4o-mini");
		params.put("api_base", FakeLlmServerProcess.shared().baseUrl());
		params.put("api_key", SECRET);
		params.put("extra_headers", Map.of("Authorization", "Bearer abcdefghijklmnop"));
		params.put("rpm", 10);
		Map<String, Object> body = new java.util.LinkedHashMap<>();
		body.put("model_name", name);
		body.put("litellm_params", params);
		body.put("model_info", Map.of("mode", "chat"));
		return body;
	}

	private static JsonNode item(Reply info, String id) {
		for (JsonNode item : info.json().get("data")) {
			if (id.equals(item.at("/model_info/id").asString())) {
				return item;
			}
		}
		throw new AssertionError("no deployment " + id + " in " + info.body());
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
