package dev.llmgw.gateway.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.AdminClient.Reply;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayInstances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v1/rerank} in LiteLLM's (Cohere's) shape, through the call pipeline, against
 * Cohere's rerank API and Bedrock's rerank models on the fake.
 */
class RerankIntegrationTests {

	private static final List<String> DOCUMENTS = List.of("green grass in spring", "a blue sky at noon",
			"the blue sky and the blue sea");

	@TempDir
	static Path dir;

	private static ConfigurableApplicationContext gateway;

	private static AdminClient api;

	@BeforeAll
	static void start() throws Exception {
		String fake = "http://127.0.0.1:" + FakeLlmServerProcess.shared().port();
		Path config = Files.writeString(dir.resolve("config.yaml"),
				"""
						model_list:
						  - model_name: cohere-rerank
						    litellm_params: {model: cohere/rerank-v3.5, api_base: "%1$s", api_key: k}
						  - model_name: bedrock-rerank
						    litellm_params: {model: "bedrock/cohere.rerank-v3-5:0", aws_bedrock_runtime_endpoint: "%1$s", aws_access_key_id: a, aws_secret_access_key: b, aws_region_name: us-east-1}
						  - model_name: amazon-rerank
						    litellm_params: {model: "bedrock/amazon.rerank-v1:0", aws_bedrock_runtime_endpoint: "%1$s", aws_access_key_id: a, aws_secret_access_key: b, aws_region_name: us-west-2}
						  - model_name: chat-only
						    litellm_params: {model: openai/gpt-4o-mini, api_base: "%1$s/v1", api_key: k}
						"""
					.formatted(fake));
		gateway = GatewayInstances.startWithConfig(config);
		api = new AdminClient(GatewayInstances.baseUrl(gateway));
	}

	@AfterAll
	static void stop() {
		gateway.close();
	}

	@Test
	void everyRerankProviderRanksTheMostRelevantFirst() {
		for (String model : List.of("cohere-rerank", "bedrock-rerank", "amazon-rerank")) {
			Reply reply = api.post("/v1/rerank", null,
					Map.of("model", model, "query", "blue sky", "documents", DOCUMENTS, "top_n", 2));
			assertThat(reply.status()).as(model + ": " + reply.body()).isEqualTo(200);
			JsonNode results = reply.json().get("results");
			assertThat(results).as(model).hasSize(2);
			assertThat(results.get(0).get("index").asInt()).as(model).isIn(1, 2);
			assertThat(results.get(1).get("index").asInt()).as(model).isIn(1, 2);
			assertThat(results.get(0).get("relevance_score").asDouble())
				.isGreaterThanOrEqualTo(results.get(1).get("relevance_score").asDouble());
			assertThat(results.get(0).at("/document/text").asString()).contains("blue sky");
			assertThat(reply.json().at("/meta/billed_units/search_units").asInt()).isEqualTo(1);
		}
	}

	@Test
	void aRerankIsPricedPerQueryAndDocumentsCanStayOut() throws Exception {
		java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create(GatewayInstances.baseUrl(gateway) + "/rerank"))
				.header("Content-Type", "application/json")
				.POST(java.net.http.HttpRequest.BodyPublishers
					.ofString("{\"model\":\"bedrock-rerank\",\"query\":\"sea\","
							+ "\"documents\":[{\"text\":\"the sea\"},\"land\"],\"return_documents\":false}"))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).doesNotContain("\"document\"");
		assertThat(response.headers().firstValue("x-litellm-response-cost")).as("cohere.rerank-v3-5:0 on Bedrock")
			.hasValue("0.002");
	}

	@Test
	void badRerankRequestsAreRefusedNamingTheField() {
		Map<String, Map<String, Object>> bad = Map.of("query", Map.of("model", "cohere-rerank", "documents", DOCUMENTS),
				"documents", Map.of("model", "cohere-rerank", "query", "q", "documents", List.of(1, 2)), "top_n",
				Map.of("model", "cohere-rerank", "query", "q", "documents", DOCUMENTS, "top_n", 0), "model",
				Map.of("model", "chat-only", "query", "q", "documents", DOCUMENTS));
		bad.forEach((field, body) -> {
			Reply reply = api.post("/v1/rerank", null, body);
			assertThat(reply.status()).as(field + ": " + reply.body()).isEqualTo(400);
			assertThat(reply.text("/error/param")).as(field).isEqualTo(field);
		});
	}

}
