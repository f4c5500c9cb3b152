package dev.llmgw.middleware.bedrock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.llmgw.middleware.support.BedrockClients;
import dev.llmgw.middleware.support.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTopicPolicyAction;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTrace;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AWS SDK v2 {@code bedrock-runtime} clients against the middleware, as a user of the
 * original points them: the endpoint at {@code <middleware>/bedrock}, unsigned requests,
 * the gateway key as a bearer added by an execution interceptor; behind the middleware
 * the real gateway and the fake LLM server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ConverseCompatibilityTests {

	@LocalServerPort
	int port;

	private BedrockRuntimeClient client;

	private BedrockRuntimeAsyncClient asyncClient;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		registry.add("middleware.gateway-url", () -> LocalStack.shared().gatewayUrl());
		registry.add("server.address", () -> "127.0.0.1");
	}

	@BeforeEach
	void connect() {
		this.client = BedrockClients.sync(this.port, LocalStack.MASTER_KEY);
		this.asyncClient = BedrockClients.async(this.port, LocalStack.MASTER_KEY);
	}

	@AfterEach
	void close() {
		this.client.close();
		this.asyncClient.close();
	}

	@Test
	void conversesWithAnyGatewayModel() {
		ConverseResponse response = this.client.converse((request) -> request.modelId("claude")
			.system(SystemContentBlock.fromText("be brief"))
			.messages(user("hello bedrock"))
			.inferenceConfig((config) -> config.maxTokens(100)));
		assertThat(response.output().message().content().get(0).text()).isEqualTo("You said: hello bedrock");
		assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
		assertThat(response.usage().inputTokens()).isPositive();
		assertThat(response.usage().totalTokens())
			.isEqualTo(response.usage().inputTokens() + response.usage().outputTokens());
		assertThat(response.metrics().latencyMs()).isNotNegative();
	}

	@Test
	void anArnModelIdWithAnEncodedSlashReachesItsModel() {
		ConverseResponse response = this.client.converse((request) -> request
			.modelId("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123")
			.messages(user("via an arn")));
		assertThat(response.output().message().content().get(0).text()).isEqualTo("You said: via an arn");
	}

	@Test
	void toolUseComesBackAsToolUseBlocks() {
		ConverseResponse response = this.client.converse((request) -> request.modelId("tooler")
			.messages(user("weather in Paris?"))
			.toolConfig(ToolConfiguration.builder()
				.tools(Tool.fromToolSpec(ToolSpecification.builder()
					.name("get_weather")
					.inputSchema(ToolInputSchema.fromJson(Document.mapBuilder()
						.putString("type", "object")
						.putDocument("properties",
								Document.mapBuilder()
									.putDocument("city", Document.mapBuilder().putString("type", "string").build())
									.build())
						.build()))
					.build()))
				.build()));
		assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
		ContentBlock toolUse = response.output()
			.message()
			.content()
			.get(response.output().message().content().size() - 1);
		assertThat(toolUse.toolUse().name()).isEqualTo("get_weather");
		assertThat(toolUse.toolUse().toolUseId()).isNotBlank();
		assertThat(toolUse.toolUse().input().isMap()).isTrue();
	}

	@Test
	void streamsTheFullEventSequenceWithUsage() throws Exception {
		List<String> events = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
			.subscriber(ConverseStreamResponseHandler.Visitor.builder()
				.onMessageStart((event) -> events.add("messageStart"))
				.onContentBlockDelta((event) -> {
					events.add("contentBlockDelta");
					text.append(event.delta().text());
				})
				.onContentBlockStop((event) -> events.add("contentBlockStop"))
				.onMessageStop((event) -> events.add("messageStop:" + event.stopReasonAsString()))
				.onMetadata((event) -> events.add("metadata:" + event.usage().totalTokens()))
				.build())
			.build();
		CompletableFuture<Void> done = this.asyncClient.converseStream(
				ConverseStreamRequest.builder().modelId("claude").messages(user("stream to bedrock")).build(), handler);
		done.get(20, TimeUnit.SECONDS);
		assertThat(text.toString()).isEqualTo("You said: stream to bedrock");
		assertThat(events.get(0)).isEqualTo("messageStart");
		assertThat(events).filteredOn("contentBlockDelta"::equals).hasSizeGreaterThan(2);
		assertThat(events.get(events.size() - 3)).isEqualTo("contentBlockStop");
		assertThat(events.get(events.size() - 2)).isEqualTo("messageStop:end_turn");
		assertThat(events.get(events.size() - 1)).startsWith("metadata:").isNotEqualTo("metadata:0");
	}

	@Test
	void gatewayErrorsBecomeBedrockExceptions() {
		assertThatThrownBy(() -> this.client.converse((request) -> request.modelId("throttled").messages(user("x"))))
			.isInstanceOf(ThrottlingException.class)
			.satisfies((error) -> assertThat(((ThrottlingException) error).statusCode()).isEqualTo(429));
		assertThatThrownBy(() -> this.client.converse((request) -> request.modelId("nope").messages(user("x"))))
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("Invalid model name");
		assertThatThrownBy(() -> this.client.converse((request) -> request.modelId("broken").messages(user("x"))))
			.isInstanceOf(ServiceUnavailableException.class);
		assertThatThrownBy(() -> this.client.converse((request) -> request.modelId("missing").messages(user("x"))))
			.isInstanceOf(software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException.class);
		assertThatThrownBy(() -> this.client.converse((request) -> request.modelId("sluggish").messages(user("x"))))
			.isInstanceOf(software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException.class);
		assertThatThrownBy(() -> this.client.converse((request) -> request.modelId("failing").messages(user("x"))))
			.isInstanceOf(software.amazon.awssdk.services.bedrockruntime.model.InternalServerException.class);
		assertThatThrownBy(() -> this.client.converse((request) -> request.modelId("bad-gateway").messages(user("x"))))
			.isInstanceOf(software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException.class);
		BedrockRuntimeClient wrongKey = BedrockClients.sync(this.port, "sk-wrong-key-123456");
		try {
			assertThatThrownBy(() -> wrongKey.converse((request) -> request.modelId("claude").messages(user("x"))))
				.isInstanceOf(AccessDeniedException.class);
		}
		finally {
			wrongKey.close();
		}
	}

	@Test
	void aStreamThatFailsBeforeItStartsRaisesTheBedrockException() {
		ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
			.subscriber(ConverseStreamResponseHandler.Visitor.builder().build())
			.build();
		CompletableFuture<Void> done = this.asyncClient
			.converseStream(ConverseStreamRequest.builder().modelId("throttled").messages(user("x")).build(), handler);
		assertThatThrownBy(() -> done.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(ThrottlingException.class);
	}

	@Test
	void aStreamThatFailsMidwayEndsWithAnExceptionFrame() {
		List<String> texts = new ArrayList<>();
		ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
			.subscriber(ConverseStreamResponseHandler.Visitor.builder()
				.onContentBlockDelta((event) -> texts.add(event.delta().text()))
				.build())
			.build();
		CompletableFuture<Void> done = this.asyncClient
			.converseStream(ConverseStreamRequest.builder().modelId("cut").messages(user("x")).build(), handler);
		assertThatThrownBy(() -> done.get(20, TimeUnit.SECONDS))
			.hasCauseInstanceOf(software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException.class);
		assertThat(texts).as("the deltas before the failure arrived").isNotEmpty();
	}

	@Test
	void aGuardrailAskedForWithGuardrailConfigAnswersAsBedrockDoes() throws Exception {
		ConverseResponse blocked = this.client.converse((request) -> request.modelId("claude")
			.messages(user("please BLOCKME"))
			.guardrailConfig((guardrail) -> guardrail.guardrailIdentifier("gr-converse")
				.guardrailVersion("1")
				.trace(GuardrailTrace.ENABLED)));
		assertThat(blocked.stopReason()).isEqualTo(StopReason.GUARDRAIL_INTERVENED);
		assertThat(blocked.output().message().content().get(0).text())
			.isEqualTo("Sorry, the model cannot answer this question.");
		assertThat(
				blocked.trace().guardrail().inputAssessment().get("gr-converse").topicPolicy().topics().get(0).action())
			.isEqualTo(GuardrailTopicPolicyAction.BLOCKED);

		ConverseResponse passed = this.client.converse((request) -> request.modelId("claude")
			.messages(user("a fine question"))
			.guardrailConfig((guardrail) -> guardrail.guardrailIdentifier("gr-converse").guardrailVersion("1")));
		assertThat(passed.stopReason()).isEqualTo(StopReason.END_TURN);
		assertThat(passed.output().message().content().get(0).text()).isEqualTo("You said: a fine question");

		assertThatThrownBy(() -> this.client.converse((request) -> request.modelId("claude")
			.messages(user("hello"))
			.guardrailConfig((guardrail) -> guardrail.guardrailIdentifier("not-configured").guardrailVersion("1"))))
			.as("a guardrail the gateway does not have is refused by name, not dropped")
			.isInstanceOf(ValidationException.class)
			.hasMessageContaining("not-configured");

		List<String> events = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
			.subscriber(ConverseStreamResponseHandler.Visitor.builder()
				.onContentBlockDelta((event) -> text.append(event.delta().text()))
				.onMessageStop((event) -> events.add("messageStop:" + event.stopReasonAsString()))
				.build())
			.build();
		this.asyncClient
			.converseStream(ConverseStreamRequest.builder()
				.modelId("echo")
				.messages(user("stream BLOCKME back"))
				.guardrailConfig((guardrail) -> guardrail.guardrailIdentifier("gr-converse-post").guardrailVersion("1"))
				.build(), handler)
			.get(20, TimeUnit.SECONDS);
		assertThat(text.toString()).as("the answer checked whole, never shown")
			.isEqualTo("Sorry, the model cannot answer this question.");
		assertThat(events).containsExactly("messageStop:guardrail_intervened");
	}

	private static Message user(String text) {
		return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build();
	}

}
