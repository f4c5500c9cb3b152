package dev.llmgw.gateway.apidocs;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /openapi.json} lists what the gateway serves, with the wire records' schemas,
 * every reference resolving; Swagger UI is served from the jar at {@code /docs} and
 * {@code /}, without a key, and nothing else of the WebJar; and the switches turn it off.
 */
class ApiDocsIntegrationTests extends GatewayTestBase {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path directory;

	@Test
	void theDescriptionListsEveryRouteWithItsRecords() {
		HttpResponse<String> response = send(request("/openapi.json").GET().build());
		assertThat(response.statusCode()).as("no key needed").isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		JsonNode document = JSON.readTree(response.body());
		assertThat(document.path("openapi").asString()).isEqualTo("3.1.0");
		JsonNode paths = document.path("paths");
		for (String path : List.of("/v1/chat/completions", "/chat/completions", "/v1/messages", "/v1/embeddings",
				"/key/generate", "/team/member_update", "/budget/new", "/global/spend/keys", "/user/daily/activity",
				"/spend/calculate", "/guardrails/list", "/metrics", "/health/readiness", "/openapi.json")) {
			assertThat(paths.has(path)).as(path + " is described").isTrue();
		}
		assertThat(paths.path("/key/health").has("post")).isTrue();
		assertThat(paths.path("/key/health").has("get")).as("only what is served").isFalse();
		JsonNode chat = paths.at("/~1v1~1chat~1completions/post");
		assertThat(chat.at("/requestBody/content/application~1json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/ChatCompletionRequest");
		assertThat(chat.at("/responses/200/content/application~1json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/ChatCompletion");
		assertThat(chat.at("/responses/200/content").has("text/event-stream")).isTrue();
		assertThat(chat.path("tags").get(0).asString()).isEqualTo("chat");
		JsonNode request = document.at("/components/schemas/ChatCompletionRequest");
		assertThat(request.at("/properties/messages/type").asString()).isEqualTo("array");
		assertThat(request.at("/properties/messages/items/$ref").asString())
			.isEqualTo("#/components/schemas/ChatMessage");
		assertThat(request.at("/properties/max_tokens/type").asString()).isEqualTo("integer");
		assertThat(request.path("additionalProperties").asBoolean()).as("other fields pass through").isTrue();
		JsonNode model = paths.at("/~1v1~1models~1{model}/get");
		assertThat(model.at("/parameters/0/name").asString()).isEqualTo("model");
		assertThat(model.at("/parameters/0/in").asString()).isEqualTo("path");
		assertThat(paths.at("/~1health~1liveliness/get/security").isArray()).as("open routes need no key").isTrue();
		assertThat(document.at("/components/securitySchemes/bearerAuth/scheme").asString()).isEqualTo("bearer");

		// every reference names a schema that is there
		List<String> refs = new ArrayList<>();
		collectRefs(document, refs);
		assertThat(refs).isNotEmpty();
		for (String ref : refs) {
			assertThat(document.at(ref.substring(1)).isObject()).as(ref).isTrue();
		}
	}

	@Test
	void swaggerUiIsServedFromTheJarWithoutAKey() {
		for (String page : List.of("/docs", "/")) {
			HttpResponse<String> html = send(request(page).GET().build());
			assertThat(html.statusCode()).as(page).isEqualTo(200);
			assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
			assertThat(html.body()).contains("docs/assets/swagger-ui-bundle.js").contains("openapi.json");
		}
		HttpResponse<String> bundle = send(request("/docs/assets/swagger-ui-bundle.js").GET().build());
		assertThat(bundle.statusCode()).isEqualTo(200);
		assertThat(bundle.body().length()).isGreaterThan(100_000);
		assertThat(bundle.headers().firstValue("Cache-Control").orElse("")).contains("max-age");
		assertThat(send(request("/docs/assets/start.js").GET().build()).body()).contains("SwaggerUIBundle");
		assertThat(send(request("/docs/assets/index.html").GET().build()).statusCode())
			.as("only the files the page loads")
			.isEqualTo(404);
		assertThat(send(request("/docs/assets/..%2F..%2Fapplication.yaml").GET().build()).statusCode()).isIn(400, 404);
	}

	@Test
	void theSwitchesTurnItOff() throws Exception {
		for (String variable : List.of("DISABLE_SWAGGER_PAGE: \"true\"", "NO_DOCS: \"True\"")) {
			Path config = this.directory.resolve(variable.substring(0, 4) + ".yaml");
			Files.writeString(config, """
					model_list:
					  - model_name: chat
					    litellm_params: {model: openai/chat, api_base: "%s", api_key: k}
					environment_variables:
					  %s
					general_settings:
					  master_key: %s
					""".formatted(FakeLlmServerProcess.shared().baseUrl(), variable, MASTER_KEY));
			ConfigurableApplicationContext off = GatewayInstances.startWithConfig(config,
					"--gateway.data-dir=" + this.directory.resolve(variable.substring(0, 4)));
			try {
				String base = GatewayInstances.baseUrl(off);
				for (String path : List.of("/openapi.json", "/docs", "/docs/assets/swagger-ui-bundle.js")) {
					HttpResponse<String> withKey = send(HttpRequest.newBuilder(java.net.URI.create(base + path))
						.header("Authorization", "Bearer " + MASTER_KEY)
						.GET()
						.build());
					assertThat(withKey.statusCode()).as(variable + " " + path).isEqualTo(404);
					HttpResponse<String> without = send(
							HttpRequest.newBuilder(java.net.URI.create(base + path)).GET().build());
					assertThat(without.statusCode()).as("not open either").isEqualTo(401);
				}
			}
			finally {
				off.close();
			}
		}
	}

	private static void collectRefs(JsonNode node, List<String> refs) {
		if (node.isObject()) {
			node.properties().forEach((entry) -> {
				if (entry.getKey().equals("$ref")) {
					refs.add(entry.getValue().asString());
				}
				else {
					collectRefs(entry.getValue(), refs);
				}
			});
		}
		else if (node.isArray()) {
			node.forEach((item) -> collectRefs(item, refs));
		}
	}

}
