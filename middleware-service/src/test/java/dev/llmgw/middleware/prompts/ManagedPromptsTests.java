package dev.llmgw.middleware.prompts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.llmgw.middleware.support.BedrockClients;
import dev.llmgw.middleware.support.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.PromptVariableValues;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Managed prompts on both interfaces: a prompt ARN as the model is fetched with a signed
 * GetPrompt (the fake server plays Bedrock Agents), its variables filled, and the
 * prompt's own model answers; mismatched variables are a 400 naming them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ManagedPromptsTests {

	private static final String TEXT_PROMPT = "arn:aws:bedrock:us-east-1:123456789012:prompt/PTEXT00001";

	private static final String CHAT_PROMPT = "arn:aws:bedrock:us-east-1:123456789012:prompt/PCHAT00001:1";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("middleware.gateway-url", () -> LocalStack.shared().gatewayUrl());
		registry.add("middleware.bedrock-agent-endpoint", () -> LocalStack.shared().fakeUrl());
		registry.add("server.address", () -> "127.0.0.1");
	}

	@BeforeAll
	static void prompts() throws Exception {
		// the middleware signs GetPrompt with the default credential chain
		System.setProperty("aws.accessKeyId", "AKIDPROMPTS");
		System.setProperty("aws.secretAccessKey", "prompts-secret");
		store("PTEXT00001", """
				{"id": "PTEXT00001", "name": "text", "version": "DRAFT", "variants": [{"name": "v",
				 "modelId": "claude", "templateType": "TEXT",
				 "templateConfiguration": {"text": {"text": "Tell me about {{topic}} as a {{ style }}",
				   "inputVariables": [{"name": "topic"}, {"name": "style"}]}},
				 "inferenceConfiguration": {"text": {"maxTokens": 64, "temperature": 0.2}}}]}
				""");
		store("PCHAT00001", """
				{"id": "PCHAT00001", "name": "chat", "version": "1", "variants": [{"name": "v",
				 "modelId": "claude", "templateType": "CHAT",
				 "templateConfiguration": {"chat": {"system": [{"text": "You are {{persona}}."}],
				   "messages": [{"role": "user", "content": [{"text": "Explain {{thing}}"}]}],
				   "inputVariables": [{"name": "persona"}, {"name": "thing"}]}}}]}
				""");
	}

	@Test
	void aTextPromptAnswersOnTheConverseInterface() {
		BedrockRuntimeClient client = client();
		try {
			ConverseResponse response = client.converse((request) -> request.modelId(TEXT_PROMPT)
				.promptVariables(Map.of("topic", PromptVariableValues.fromText("tides"), "style",
						PromptVariableValues.fromText("haiku")))
				.messages(Message.builder()
					.role(ConversationRole.USER)
					.content(ContentBlock.fromText("ignored"))
					.build()));
			assertThat(response.output().message().content().get(0).text())
				.isEqualTo("You said: Tell me about tides as a haiku");
			assertThatThrownBy(() -> client.converse((request) -> request.modelId(TEXT_PROMPT)
				.promptVariables(Map.of("topic", PromptVariableValues.fromText("tides"), "mood",
						PromptVariableValues.fromText("calm")))))
				.isInstanceOf(ValidationException.class)
				.hasMessageContaining("missing promptVariables [style]")
				.hasMessageContaining("unknown promptVariables [mood]");
			assertThatThrownBy(() -> client
				.converse((request) -> request.modelId("arn:aws:bedrock:us-east-1:123456789012:prompt/NOPE000001")))
				.isInstanceOf(ResourceNotFoundException.class);
		}
		finally {
			client.close();
		}
	}

	@Test
	void aChatPromptAnswersOnTheOpenAiInterface() throws Exception {
		HttpResponse<String> response = post("{\"model\":\"" + CHAT_PROMPT + "\",\"messages\":[],"
				+ "\"promptVariables\":{\"persona\":\"a pirate\",\"thing\":\"rain\"}}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("You said: Explain rain");
		HttpResponse<String> missing = post("{\"model\":\"" + CHAT_PROMPT + "\",\"messages\":[],"
				+ "\"promptVariables\":{\"persona\":\"a pirate\"}}");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("\"error\"").contains("missing promptVariables [thing]");
	}

	@Test
	void aPromptArnOutsideAwssShapesIsRefusedBeforeAnyFetch() throws Exception {
		// the region becomes the host GetPrompt is signed for: "evil.example?" would send
		// the middleware's credentials there and cache its answer under the victim's id
		for (String arn : java.util.List.of("arn:aws:bedrock:evil.example?:123456789012:prompt/PCHAT00001",
				"arn:aws:bedrock:us-east-1:123456789012:prompt/PCHAT00001/../x",
				"arn:aws:bedrock:us-east-1:evil:prompt/PCHAT00001",
				"arn:aws:bedrock:us-east-1:123456789012:prompt/PCHAT00001:1?x=\\u0000")) {
			HttpResponse<String> refused = post("{\"model\":\"" + arn + "\",\"messages\":[],"
					+ "\"promptVariables\":{\"persona\":\"a pirate\",\"thing\":\"rain\"}}");
			assertThat(refused.statusCode()).as(arn + ": " + refused.body()).isEqualTo(400);
			assertThat(refused.body()).contains("not a valid prompt ARN");
		}
		BedrockRuntimeClient client = client();
		try {
			assertThatThrownBy(() -> client
				.converse((request) -> request.modelId("arn:aws:bedrock:evil.example?:123456789012:prompt/PTEXT00001")))
				.isInstanceOf(ValidationException.class)
				.hasMessageContaining("not a valid prompt ARN");
		}
		finally {
			client.close();
		}
	}

	@Test
	void anUnknownKeyIsRefusedBeforeAnyPromptIsFetched() throws Exception {
		// fetched first, an unknown prompt would answer 404 and tell a stranger which
		// prompts exist, with a GetPrompt signed by the middleware for each guess
		HttpResponse<String> refused = HTTP.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/chat/completions"))
			.header("Authorization", "Bearer sk-not-a-gateway-key")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"model\":\"arn:aws:bedrock:us-east-1:123456789012:prompt/PNOTSTORED\"," + "\"messages\":[]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
		BedrockRuntimeClient stranger = BedrockClients.sync(this.port, "sk-not-a-gateway-key");
		try {
			assertThatThrownBy(() -> stranger
				.converse((request) -> request.modelId("arn:aws:bedrock:us-east-1:123456789012:prompt/PNOTSTORED")))
				.isInstanceOf(software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException.class)
				.satisfies((error) -> assertThat(
						((software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException) error)
							.statusCode())
					.isEqualTo(401));
		}
		finally {
			stranger.close();
		}
	}

	@Test
	void arnsAreParsedWholeAndCachedPerRegionAndAccount() {
		PromptArn arn = PromptArn.parse("arn:aws:bedrock:us-gov-west-1:123456789012:prompt/PCHAT00001:3");
		assertThat(arn).isEqualTo(new PromptArn("us-gov-west-1", "123456789012", "PCHAT00001", "3"));
		assertThat(PromptArn.parse("arn:aws:bedrock:eu-west-1:123456789012:prompt/PCHAT00001").cacheKey())
			.isNotEqualTo(PromptArn.parse("arn:aws:bedrock:us-east-1:123456789012:prompt/PCHAT00001").cacheKey())
			.isNotEqualTo(PromptArn.parse("arn:aws:bedrock:eu-west-1:210987654321:prompt/PCHAT00001").cacheKey());
		assertThat(PromptArn.parse("gpt-4o")).isNull();
		assertThat(PromptArn.malformed("gpt-4o")).isFalse();
		assertThat(PromptArn.malformed("arn:aws:bedrock:us-east-1:123456789012:prompt/")).isTrue();
	}

	private HttpResponse<String> post(String body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/chat/completions"))
			.header("Authorization", "Bearer " + LocalStack.MASTER_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private BedrockRuntimeClient client() {
		return BedrockClients.sync(this.port, LocalStack.MASTER_KEY);
	}

	private static void store(String id, String prompt) throws Exception {
		HTTP.send(HttpRequest.newBuilder(URI.create(LocalStack.shared().fakeUrl() + "/fake/prompts"))
			.POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"prompt\":" + prompt + "}"))
			.build(), HttpResponse.BodyHandlers.discarding());
	}

}
