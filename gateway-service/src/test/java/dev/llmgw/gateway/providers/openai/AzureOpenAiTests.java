package dev.llmgw.gateway.providers.openai;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.ContentPolicyViolationError;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.EmbeddingCall;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.ProviderHttp;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.providers.UpstreamClient;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.support.HttpStub;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.EmbeddingRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Azure OpenAI through the OpenAI-compatible adapter: the deployment and api-version in
 * the URL, the api-key header or an Entra token, Azure's content filter error.
 */
class AzureOpenAiTests {

	static final JsonMapper JSON = JsonMapper.builder()
		.disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	static HttpStub stub;

	static HttpStub authority;

	static UpstreamClient client;

	static OpenAiCompatibleProvider provider;

	static ModelRegistry models;

	@BeforeAll
	static void start() {
		stub = new HttpStub();
		authority = new HttpStub();
		client = new UpstreamClient(Duration.ofSeconds(2), 10, Duration.ofSeconds(30));
		EnvironmentLookup environment = EnvironmentLookup
			.of(Map.of("AZURE_API_VERSION", "2025-01-01-preview", "AZURE_API_BASE", stub.url() + "/", "AZURE_API_KEY",
					"azure-env-key", "AZURE_AUTHORITY_HOST", authority.url()));
		provider = new OpenAiCompatibleProvider(new ProviderHttp(client), JSON, environment);
		models = new ModelRegistry(new ConfigLoader(environment)
			.parse("""
					model_list:
					  - model_name: gpt-4o
					    litellm_params: {model: azure/my-gpt4o, api_base: "%1$s", api_key: azure-key, api_version: "2024-10-21"}
					  - model_name: from-env
					    litellm_params: {model: azure/env-deploy}
					  - model_name: entra-app
					    litellm_params:
					      model: azure/app-deploy
					      api_base: "%1$s"
					      tenant_id: contoso
					      client_id: app-1
					      client_secret: s3cret
					  - model_name: entra
					    litellm_params: {model: azure/entra-deploy, api_base: "%1$s/openai", azure_ad_token: eyJ-token}
					"""
				.formatted(stub.url()), "test"));
	}

	@AfterAll
	static void stop() {
		client.dispose();
		stub.close();
		authority.close();
	}

	@Test
	void callsTheDeploymentPathWithApiVersionAndApiKey() {
		stub.answer(HttpStub.Answer.json(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[],"
				+ "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}}"));
		ChatResult result = provider.complete(new ProviderCall(deployment("gpt-4o"), request(false), "c")).block();
		assertThat(stub.lastPath()).isEqualTo("/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21");
		assertThat(stub.lastHeaders()).containsEntry("api-key", "azure-key").doesNotContainKey("authorization");
		assertThat(result.usage().totalTokens()).isEqualTo(7);
	}

	@Test
	void keyBaseAndVersionComeFromTheEnvironmentWhenNotConfigured() {
		stub.answer(HttpStub.Answer.json(200,
				"{\"object\":\"list\",\"data\":[],\"usage\":{\"prompt_tokens\":2," + "\"total_tokens\":2}}"));
		EmbeddingRequest embedding = new EmbeddingRequest("from-env", "hello", null, null);
		provider.embed(new EmbeddingCall(deployment("from-env"), embedding, "c")).block();
		assertThat(stub.lastPath())
			.isEqualTo("/openai/deployments/env-deploy/embeddings?api-version=2025-01-01-preview");
		assertThat(stub.lastHeaders()).containsEntry("api-key", "azure-env-key");
	}

	@Test
	void anEntraTokenIsSentAsABearer() {
		stub.answer(HttpStub.Answer
			.sse("data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n"
					+ "data: [DONE]\n\n"));
		List<String> frames = provider
			.stream(new ProviderCall(deployment("entra"), request(true), "c"), new StreamTally())
			.map(String::new)
			.collectList()
			.block();
		assertThat(stub.lastPath()).startsWith("/openai/deployments/entra-deploy/chat/completions?api-version=");
		assertThat(stub.lastHeaders()).containsEntry("authorization", "Bearer eyJ-token").doesNotContainKey("api-key");
		assertThat(frames).last().isEqualTo("data: [DONE]\n\n");
	}

	@Test
	void aClientCredentialIsExchangedForAnEntraTokenOnceAndReused() {
		authority.answer(HttpStub.Answer.json(200,
				"{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"entra-access-1\"}"));
		stub.answer(HttpStub.Answer.json(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[]}"));
		provider.complete(new ProviderCall(deployment("entra-app"), request(false), "c")).block();
		assertThat(authority.lastPath()).isEqualTo("/contoso/oauth2/v2.0/token");
		assertThat(authority.lastBody()).contains("grant_type=client_credentials")
			.contains("client_id=app-1")
			.contains("client_secret=s3cret")
			.contains("scope=https%3A%2F%2Fcognitiveservices.azure.com%2F.default");
		assertThat(stub.lastHeaders()).containsEntry("authorization", "Bearer entra-access-1")
			.doesNotContainKey("api-key");
		authority.answer(HttpStub.Answer.json(500, "{\"error\":\"should not be asked again\"}"));
		provider.complete(new ProviderCall(deployment("entra-app"), request(false), "c")).block();
		assertThat(stub.lastHeaders()).containsEntry("authorization", "Bearer entra-access-1");
	}

	@Test
	void aRefusedClientCredentialIsAnAuthenticationError() {
		ModelRegistry other = new ModelRegistry(new ConfigLoader(EnvironmentLookup.of(Map.of()))
			.parse("""
					model_list:
					  - model_name: bad-app
					    litellm_params: {model: azure/x, api_base: "%s", tenant_id: t2, client_id: bad, client_secret: sekrit-value}
					"""
				.formatted(stub.url()), "test"));
		authority.answer(HttpStub.Answer.json(401,
				"{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret\"}"));
		OpenAiCompatibleProvider withAuthority = new OpenAiCompatibleProvider(new ProviderHttp(client), JSON,
				EnvironmentLookup.of(Map.of("AZURE_AUTHORITY_HOST", authority.url())));
		assertThatThrownBy(() -> withAuthority
			.complete(new ProviderCall(other.find("bad-app").deployments().get(0), request(false), "c"))
			.block()).isInstanceOf(dev.llmgw.gateway.error.AuthenticationError.class)
			.hasMessageContaining("AADSTS7000215")
			.hasMessageNotContaining("sekrit-value");
	}

	@Test
	void azureContentFilterIsAContentPolicyViolation() {
		stub.answer(HttpStub.Answer.json(400,
				"{\"error\":{\"message\":\"The response was filtered\",\"type\":null,"
						+ "\"param\":\"prompt\",\"code\":\"content_filter\",\"status\":400,\"innererror\":"
						+ "{\"code\":\"ResponsibleAIPolicyViolation\"}}}"));
		assertThatThrownBy(() -> provider.complete(new ProviderCall(deployment("gpt-4o"), request(false), "c")).block())
			.isInstanceOf(ContentPolicyViolationError.class)
			.hasMessageContaining("AzureException - The response was filtered");
	}

	private static ChatCompletionRequest request(boolean stream) {
		return JSON.readValue("{\"model\":\"gpt-4o\",\"stream\":" + stream
				+ ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", ChatCompletionRequest.class);
	}

	private static Deployment deployment(String name) {
		return models.find(name).deployments().get(0);
	}

}
