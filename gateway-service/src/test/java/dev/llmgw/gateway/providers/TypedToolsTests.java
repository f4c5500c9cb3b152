package dev.llmgw.gateway.providers;

import java.time.Duration;
import java.util.Map;

import dev.llmgw.gateway.config.ConfigException;
import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.anthropic.AnthropicProvider;
import dev.llmgw.gateway.providers.bedrock.BedrockProvider;
import dev.llmgw.gateway.providers.cohere.CohereProvider;
import dev.llmgw.gateway.providers.gemini.GeminiProvider;
import dev.llmgw.gateway.providers.openai.OpenAiCompatibleProvider;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.support.Fixtures;
import dev.llmgw.gateway.support.HttpStub;
import dev.llmgw.model.openai.ChatCompletionRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tools, tool choice and response format are read once, into typed records, and every
 * translator applies the same rules to them: an OpenAI-compatible provider gets them as
 * written (unknown fields kept), Anthropic gets its own tool types as written, the
 * providers that only take functions refuse any other tool by its index, and a
 * deployment's default response format counts as the caller's when the caller sent none.
 */
class TypedToolsTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static HttpStub stub;

	static UpstreamClient client;

	static ModelRegistry models;

	static ProviderHttp http;

	static BedrockProvider bedrock;

	@BeforeAll
	static void start() {
		stub = new HttpStub();
		client = new UpstreamClient(Duration.ofSeconds(5), 10, Duration.ofSeconds(30));
		http = new ProviderHttp(client);
		bedrock = new BedrockProvider(JSON, EnvironmentLookup.of(Map.of()));
		models = new ModelRegistry(new ConfigLoader(EnvironmentLookup.of(Map.of()))
			.parse("""
					model_list:
					  - model_name: gpt
					    litellm_params: {model: openai/gpt-4o, api_base: "%1$s/v1", api_key: sk-test}
					  - model_name: claude
					    litellm_params: {model: anthropic/claude-3-5-sonnet-20241022, api_base: "%1$s", api_key: sk-ant-test}
					  - model_name: gemini
					    litellm_params: {model: gemini/gemini-2.5-flash, api_base: "%1$s", api_key: test-gemini-key}
					  - model_name: gemini-json
					    litellm_params:
					      model: gemini/gemini-2.5-flash
					      api_base: "%1$s"
					      api_key: test-gemini-key
					      response_format: {type: json_schema, json_schema: {name: answer, schema: {type: object, properties: {city: {type: string}}}}}
					  - model_name: cohere
					    litellm_params: {model: cohere_chat/command-r, api_base: "%1$s", api_key: co-test}
					  - model_name: bedrock
					    litellm_params:
					      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0
					      aws_region_name: eu-west-1
					      aws_access_key_id: AKIDEXAMPLE
					      aws_secret_access_key: secret
					      aws_bedrock_runtime_endpoint: "%1$s"
					"""
				.formatted(stub.url()), "test"));
	}

	@AfterAll
	static void stop() {
		bedrock.close();
		client.dispose();
		stub.close();
	}

	@Test
	void anOpenAiCompatibleProviderGetsToolsAndChoiceAsWritten() {
		stub.answer(HttpStub.Answer.json(200, """
				{"id":"c","object":"chat.completion","created":1,"model":"gpt-4o","choices":[{"index":0,
				"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
				"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}"""));
		String tools = """
				[{"type":"function","function":{"name":"f","description":"d","parameters":{"type":"object"},
				"strict":true,"x_vendor":1},"cache_control":{"type":"ephemeral"}},
				{"type":"custom","custom":{"name":"grammar","format":{"type":"text"}}}]""";
		String choice = """
				{"type":"allowed_tools","allowed_tools":{"mode":"auto","tools":[{"type":"function","function":{"name":"f"}}]}}""";
		String format = """
				{"type":"json_schema","json_schema":{"name":"n","schema":{"type":"object"},"strict":true,"x":2},"y":3}""";
		complete(new OpenAiCompatibleProvider(http, JSON, EnvironmentLookup.of(Map.of())), "gpt",
				"\"tools\":" + tools + ",\"tool_choice\":" + choice + ",\"response_format\":" + format);
		JsonNode sent = JSON.readTree(stub.lastBody());
		assertThat(sent.get("tools")).isEqualTo(JSON.readTree(tools));
		assertThat(sent.get("tool_choice")).isEqualTo(JSON.readTree(choice));
		assertThat(sent.get("response_format")).isEqualTo(JSON.readTree(format));
	}

	@Test
	void anthropicGetsItsOwnToolTypesAsWrittenAndFunctionsTranslated() {
		stub.answer(HttpStub.Answer.json(200, new Fixtures("openai-anthropic").read("text.response.json")));
		complete(new AnthropicProvider(http, JSON), "claude",
				"""
						"tools":[{"type":"web_search_20250305","name":"web_search","max_uses":3},
						{"type":"function","function":{"name":"f","parameters":{"type":"object"}},"cache_control":{"type":"ephemeral"}}],
						"tool_choice":{"type":"function","function":{"name":"f"}}""");
		JsonNode sent = JSON.readTree(stub.lastBody());
		assertThat(sent.get("tools")).isEqualTo(JSON.readTree("""
				[{"type":"web_search_20250305","name":"web_search","max_uses":3},
				{"name":"f","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral"}}]"""));
		assertThat(sent.get("tool_choice")).isEqualTo(JSON.readTree("{\"type\":\"tool\",\"name\":\"f\"}"));
	}

	@Test
	void anthropicRefusesAChoiceItCannotExpress() {
		BadRequestError error = refused(new AnthropicProvider(http, JSON), "claude",
				"\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":{\"type\":\"allowed_tools\"}");
		assertThat(error.param()).isEqualTo("tool_choice");
	}

	@ParameterizedTest
	@ValueSource(strings = { "gemini", "cohere", "bedrock" })
	void providersThatOnlyTakeFunctionsRefuseOtherToolsByIndex(String model) {
		ChatProvider provider = switch (model) {
			case "gemini" -> new GeminiProvider(http, JSON);
			case "cohere" -> new CohereProvider(http, JSON);
			default -> bedrock;
		};
		BadRequestError error = refused(provider, model, """
				"tools":[{"type":"function","function":{"name":"f"}},{"type":"web_search_preview"}]""");
		assertThat(error.param()).isEqualTo("tools[1].type");
		assertThat(error.getMessage()).contains("function only").contains("web_search_preview");
	}

	@Test
	void aModeWrittenAsAnObjectOrAnotherProvidersWordForRequiredIsUnderstood() {
		stub.answer(HttpStub.Answer.json(200, new Fixtures("openai-anthropic").read("text.response.json")));
		AnthropicProvider anthropic = new AnthropicProvider(http, JSON);
		String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],";
		complete(anthropic, "claude", tools + "\"tool_choice\":{\"type\":\"auto\"}");
		assertThat(JSON.readTree(stub.lastBody()).get("tool_choice")).isEqualTo(JSON.readTree("{\"type\":\"auto\"}"));
		complete(anthropic, "claude", tools + "\"tool_choice\":\"any\"");
		assertThat(JSON.readTree(stub.lastBody()).get("tool_choice")).isEqualTo(JSON.readTree("{\"type\":\"any\"}"));
		BadRequestError error = refused(new GeminiProvider(http, JSON), "gemini",
				tools + "\"tool_choice\":\"sometimes\"");
		assertThat(error.param()).isEqualTo("tool_choice");
		assertThat(error.getMessage()).contains("sometimes");
	}

	@Test
	void aDeploymentWhoseDefaultsCannotBeReadStopsTheStart() {
		assertThatThrownBy(() -> new ModelRegistry(new ConfigLoader(EnvironmentLookup.of(Map.of())).parse("""
				model_list:
				  - model_name: broken
				    litellm_params: {model: openai/gpt-4o, api_key: sk-test, response_format: {json_schema: {}}}
				""", "test"))).isInstanceOf(ConfigException.class)
			.hasMessageContaining("model_list[0].litellm_params")
			.hasMessageContaining("type is required");
	}

	@Test
	void aDeploymentsDefaultResponseFormatIsUsedUnlessTheCallerSetsOne() {
		stub.answer(HttpStub.Answer.json(200, new Fixtures("openai-gemini").read("text.response.json")));
		GeminiProvider gemini = new GeminiProvider(http, JSON);
		complete(gemini, "gemini-json", null);
		JsonNode config = JSON.readTree(stub.lastBody()).get("generationConfig");
		assertThat(config.get("responseMimeType").asString()).isEqualTo("application/json");
		assertThat(config.at("/responseSchema/properties/city/type").asString()).isEqualTo("string");
		complete(gemini, "gemini-json", "\"response_format\":{\"type\":\"text\"}");
		assertThat(JSON.readTree(stub.lastBody()).path("generationConfig").has("responseMimeType")).isFalse();
	}

	private static void complete(ChatProvider provider, String model, String fields) {
		provider.complete(new ProviderCall(models.find(model).deployments().get(0), request(model, fields), "call-1"))
			.block();
	}

	private static BadRequestError refused(ChatProvider provider, String model, String fields) {
		return catchThrowableOfType(BadRequestError.class,
				() -> provider
					.complete(
							new ProviderCall(models.find(model).deployments().get(0), request(model, fields), "call-2"))
					.block());
	}

	private static ChatCompletionRequest request(String model, String fields) {
		return JSON.readValue("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
				+ ((fields != null) ? "," + fields : "") + "}", ChatCompletionRequest.class);
	}

}
