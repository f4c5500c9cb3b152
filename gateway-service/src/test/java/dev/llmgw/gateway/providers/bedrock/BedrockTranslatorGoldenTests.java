package dev.llmgw.gateway.providers.bedrock;

import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.StreamTally;
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
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Golden files for the Bedrock translators, through the real AWS SDK against a stub
 * endpoint: {@code <case>.input.json} (the OpenAI request) must go out as
 * {@code <case>.request.json} (the Converse wire body), and the stub's
 * {@code <case>.response.json} must come back as {@code <case>.expected.json}.
 */
class BedrockTranslatorGoldenTests {

	static final Fixtures FIXTURES = new Fixtures("openai-bedrock");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static HttpStub stub;

	static BedrockProvider provider;

	static ModelRegistry models;

	@BeforeAll
	static void start() {
		stub = new HttpStub();
		provider = new BedrockProvider(JSON, EnvironmentLookup.of(Map.of()));
		models = new ModelRegistry(new ConfigLoader(EnvironmentLookup.of(Map.of())).parse("""
				model_list:
				  - model_name: claude
				    litellm_params:
				      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0
				      aws_region_name: eu-west-1
				      aws_access_key_id: AKIDEXAMPLE
				      aws_secret_access_key: secret
				      aws_bedrock_runtime_endpoint: "%s"
				  - model_name: llama
				    litellm_params:
				      model: bedrock/meta.llama3-1-70b-instruct-v1:0
				      aws_access_key_id: AKIDEXAMPLE
				      aws_secret_access_key: secret
				      aws_bedrock_runtime_endpoint: "%1$s"
				  - model_name: llama-dropping
				    litellm_params:
				      model: bedrock/meta.llama3-1-70b-instruct-v1:0
				      aws_access_key_id: AKIDEXAMPLE
				      aws_secret_access_key: secret
				      aws_bedrock_runtime_endpoint: "%1$s"
				      drop_params: true
				  - model_name: guarded
				    litellm_params:
				      model: bedrock/converse/us.anthropic.claude-3-5-sonnet-20240620-v1:0
				      aws_access_key_id: AKIDEXAMPLE
				      aws_secret_access_key: secret
				      aws_bedrock_runtime_endpoint: "%s"
				      guardrailConfig: {guardrailIdentifier: gr-1, guardrailVersion: "2", trace: enabled}
				""".formatted(stub.url(), stub.url()), "test"));
	}

	@AfterAll
	static void stop() {
		provider.close();
		stub.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "text", "tools", "image", "guardrail", "json-schema" })
	void translatesRequestAndResponse(String name) {
		stub.answer(HttpStub.Answer.json(200, read(name + ".response.json")));
		ChatCompletionRequest request = JSON.readValue(read(name + ".input.json"), ChatCompletionRequest.class);
		ChatResult result = provider.complete(new ProviderCall(deployment("claude"), request, "call-1")).block();
		assertThat(stub.lastPath()).isEqualTo("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
		record(name + ".request.json", stub.lastBody());
		assertThat(JSON.readTree(stub.lastBody())).as(stub.lastBody())
			.isEqualTo(JSON.readTree(read(name + ".request.json")));
		ObjectNode body = (ObjectNode) JSON.readTree(result.body());
		assertThat(body.remove("created").asLong()).isPositive();
		assertThat(body).as(body.toString()).isEqualTo(JSON.readTree(read(name + ".expected.json")));
		assertThat(result.usage().totalTokens()).isEqualTo(body.at("/usage/total_tokens").asLong());
	}

	@Test
	void sendsGuardrailConfigAndInferenceProfileIds() {
		stub.answer(HttpStub.Answer.json(200, read("text.response.json")));
		ChatCompletionRequest request = JSON.readValue(read("guardrail.input.json"), ChatCompletionRequest.class);
		provider.complete(new ProviderCall(deployment("guarded"), request, "call-2")).block();
		assertThat(stub.lastPath()).isEqualTo("/model/us.anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse");
		JsonNode sent = JSON.readTree(stub.lastBody());
		assertThat(sent.get("guardrailConfig")).isEqualTo(
				JSON.readTree("{\"guardrailIdentifier\":\"gr-1\",\"guardrailVersion\":\"2\",\"trace\":\"enabled\"}"));
	}

	@Test
	void toolCallIdsLoseAGeminiThoughtSignature() {
		stub.answer(HttpStub.Answer.json(200, read("text.response.json")));
		ChatCompletionRequest request = JSON.readValue(
				"""
						{"model": "claude", "messages": [{"role": "user", "content": "Weather?"},
						 {"role": "assistant", "content": null, "tool_calls": [{"id": "call_0__thought__c2ln+/=", "type": "function",
						   "function": {"name": "get_weather", "arguments": "{}"}}]},
						 {"role": "tool", "tool_call_id": "call_0__thought__c2ln+/=", "content": "Sunny"}]}""",
				ChatCompletionRequest.class);
		provider.complete(new ProviderCall(deployment("claude"), request, "call-7")).block();
		JsonNode sent = JSON.readTree(stub.lastBody());
		assertThat(sent.at("/messages/1/content/0/toolUse/toolUseId").asString()).isEqualTo("call_0");
		assertThat(sent.at("/messages/2/content/0/toolResult/toolUseId").asString()).isEqualTo("call_0");
	}

	@Test
	void anImageThatIsNotBase64IsTheCallersBadRequest() {
		ChatCompletionRequest request = JSON.readValue("""
				{"model": "claude", "messages": [{"role": "user", "content": [{"type": "image_url",
				 "image_url": {"url": "data:image/png;base64,@@"}}]}]}""", ChatCompletionRequest.class);
		assertThatThrownBy(() -> provider.complete(new ProviderCall(deployment("claude"), request, "call-8")).block())
			.isInstanceOf(BadRequestError.class)
			.hasMessageContaining("messages[0]")
			.hasMessageContaining("not valid base64");
	}

	@Test
	void aModelThatCannotBeMadeToCallAToolRefusesResponseFormatByName() {
		ChatCompletionRequest request = JSON.readValue(read("json-schema.input.json"), ChatCompletionRequest.class);
		assertThatThrownBy(() -> provider.complete(new ProviderCall(deployment("llama"), request, "call-5")).block())
			.isInstanceOf(BadRequestError.class)
			.hasMessageContaining("[response_format]")
			.hasMessageContaining("drop_params");
		stub.answer(HttpStub.Answer.json(200, read("text.response.json")));
		provider.complete(new ProviderCall(deployment("llama-dropping"), request, "call-6")).block();
		assertThat(JSON.readTree(stub.lastBody()).has("toolConfig")).as("dropped").isFalse();
	}

	@Test
	void streamsAResponseFormatAnswerAsText() {
		stub.answer(HttpStub.Answer.events(List.of(new String[] { "messageStart", "{\"role\":\"assistant\"}" },
				new String[] { "contentBlockStart",
						"{\"contentBlockIndex\":0,\"start\":{\"toolUse\":{\"toolUseId\":\"t1\",\"name\":\"json_tool_call\"}}}" },
				new String[] { "contentBlockDelta",
						"{\"contentBlockIndex\":0,\"delta\":{\"toolUse\":{\"input\":\"{\\\"color\\\":\"}}}" },
				new String[] { "contentBlockDelta",
						"{\"contentBlockIndex\":0,\"delta\":{\"toolUse\":{\"input\":\"\\\"teal\\\"}\"}}}" },
				new String[] { "contentBlockStop", "{\"contentBlockIndex\":0}" },
				new String[] { "messageStop", "{\"stopReason\":\"tool_use\"}" }, new String[] { "metadata",
						"{\"usage\":{\"inputTokens\":7,\"outputTokens\":3,\"totalTokens\":10},\"metrics\":{\"latencyMs\":5}}" })));
		ChatCompletionRequest request = JSON.readValue(read("json-schema.input.json"), ChatCompletionRequest.class);
		ChatCompletionRequest streamed = JSON.readValue(
				JSON.writeValueAsString(((ObjectNode) JSON.valueToTree(request)).put("stream", true)),
				ChatCompletionRequest.class);
		List<String> frames = provider
			.stream(new ProviderCall(deployment("claude"), streamed, "call-4"), new StreamTally())
			.map(String::new)
			.collectList()
			.block();
		String all = String.join("", frames);
		assertThat(all).contains("\"delta\":{\"content\":\"{\\\"color\\\":\"}")
			.contains("\"delta\":{\"content\":\"\\\"teal\\\"}\"}")
			.contains("\"finish_reason\":\"stop\"")
			.doesNotContain("tool_calls")
			.doesNotContain("json_tool_call");
	}

	@Test
	void streamsEventsAsOpenAiChunks() {
		stub.answer(HttpStub.Answer.events(List.of(new String[] { "messageStart", "{\"role\":\"assistant\"}" },
				new String[] { "contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hel\"}}" },
				new String[] { "contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"lo\"}}" },
				new String[] { "contentBlockStop", "{\"contentBlockIndex\":0}" },
				new String[] { "contentBlockStart",
						"{\"contentBlockIndex\":1,\"start\":{\"toolUse\":{\"toolUseId\":\"t1\",\"name\":\"f\"}}}" },
				new String[] { "contentBlockDelta",
						"{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"a\\\":\"}}}" },
				new String[] { "contentBlockDelta",
						"{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"1}\"}}}" },
				new String[] { "contentBlockStop", "{\"contentBlockIndex\":1}" },
				new String[] { "messageStop", "{\"stopReason\":\"tool_use\"}" }, new String[] { "metadata",
						"{\"usage\":{\"inputTokens\":7,\"outputTokens\":3,\"totalTokens\":10},\"metrics\":{\"latencyMs\":5}}" })));
		ChatCompletionRequest request = JSON
			.readValue("{\"model\":\"claude\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
					+ "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", ChatCompletionRequest.class);
		StreamTally tally = new StreamTally();
		List<String> frames = provider.stream(new ProviderCall(deployment("claude"), request, "call-3"), tally)
			.map(String::new)
			.collectList()
			.block();
		assertThat(stub.lastPath()).endsWith("/converse-stream");
		assertThat(frames).hasSize(9);
		assertThat(frames.get(0)).contains("\"delta\":{\"role\":\"assistant\",\"content\":\"\"}");
		assertThat(frames.get(1)).contains("\"delta\":{\"content\":\"Hel\"}");
		assertThat(frames.get(2)).contains("\"delta\":{\"content\":\"lo\"}");
		assertThat(frames.get(3)).contains(
				"\"tool_calls\":[{\"index\":0,\"id\":\"t1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]");
		assertThat(frames.get(4))
			.contains("\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\":\"}}]");
		assertThat(frames.get(5)).contains("\"arguments\":\"1}\"");
		assertThat(frames.get(6)).contains("\"finish_reason\":\"tool_calls\"");
		assertThat(frames.get(7)).contains("\"choices\":[]").contains("\"total_tokens\":10");
		assertThat(frames.get(8)).isEqualTo("data: [DONE]\n\n");
		assertThat(frames).allSatisfy((frame) -> assertThat(frame).endsWith("\n\n"));
		assertThat(tally.usage().promptTokens()).isEqualTo(7);
	}

	static Deployment deployment(String model) {
		return models.find(model).deployments().get(0);
	}

	static String read(String file) {
		return FIXTURES.read(file);
	}

	static void record(String file, String actual) {
		FIXTURES.record(file, actual);
	}

}
