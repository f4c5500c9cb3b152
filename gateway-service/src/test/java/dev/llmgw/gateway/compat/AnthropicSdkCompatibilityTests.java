package dev.llmgw.gateway.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official Anthropic Java SDK against the gateway's {@code /v1/messages}, as Claude
 * Code or an Anthropic SDK user points it: the gateway key as {@code x-api-key}, any
 * model of the config behind it.
 */
class AnthropicSdkCompatibilityTests extends GatewayTestBase {

	private AnthropicClient client;

	@BeforeEach
	void connect() {
		this.client = AnthropicOkHttpClient.builder().baseUrl(url("")).apiKey(MASTER_KEY).maxRetries(0).build();
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void sendsAMessageToAnOpenAiModel() {
		Message message = this.client.messages()
			.create(MessageCreateParams.builder()
				.model("gpt-4o-mini")
				.maxTokens(100)
				.system("be brief")
				.addUserMessage("hello claude sdk")
				.build());
		assertThat(message.content()).hasSize(1);
		assertThat(message.content().get(0).text().get().text()).isEqualTo("You said: hello claude sdk");
		assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
		assertThat(message.usage().inputTokens()).isPositive();
		assertThat(message.usage().outputTokens()).isPositive();
		assertThat(message.model().asString()).isEqualTo("gpt-4o-mini");
	}

	@Test
	void streamsEventsInAnthropicOrder() {
		List<String> types = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		try (StreamResponse<RawMessageStreamEvent> stream = this.client.messages()
			.createStreaming(MessageCreateParams.builder()
				.model("gpt-4o-mini")
				.maxTokens(100)
				.addUserMessage("stream this please")
				.build())) {
			stream.stream().forEach((event) -> {
				if (event.isMessageStart()) {
					types.add("message_start");
				}
				else if (event.isContentBlockStart()) {
					types.add("content_block_start");
				}
				else if (event.isContentBlockDelta()) {
					types.add("content_block_delta");
					event.asContentBlockDelta().delta().text().ifPresent((delta) -> text.append(delta.text()));
				}
				else if (event.isContentBlockStop()) {
					types.add("content_block_stop");
				}
				else if (event.isMessageDelta()) {
					types.add("message_delta");
					assertThat(event.asMessageDelta().usage().outputTokens()).isPositive();
					assertThat(event.asMessageDelta().delta().stopReason()).hasValue(StopReason.END_TURN);
				}
				else if (event.isMessageStop()) {
					types.add("message_stop");
				}
			});
		}
		assertThat(text.toString()).isEqualTo("You said: stream this please");
		assertThat(types.get(0)).isEqualTo("message_start");
		assertThat(types.get(1)).isEqualTo("content_block_start");
		assertThat(types.subList(types.size() - 3, types.size())).containsExactly("content_block_stop", "message_delta",
				"message_stop");
		assertThat(types).filteredOn("content_block_delta"::equals).hasSizeGreaterThan(1);
	}

	@Test
	void toolUseComesBackAsAToolUseBlock() {
		Message message = this.client.messages()
			.create(MessageCreateParams.builder()
				.model("tool-caller")
				.maxTokens(100)
				.addTool(Tool.builder()
					.name("get_weather")
					.description("Weather of a city")
					.inputSchema(Tool.InputSchema.builder()
						.properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
						.build())
					.build())
				.addUserMessage("weather in Paris?")
				.build());
		assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
		ContentBlock block = message.content().get(message.content().size() - 1);
		assertThat(block.isToolUse()).isTrue();
		assertThat(block.asToolUse().name()).isEqualTo("get_weather");
		assertThat(block.asToolUse().id()).isNotBlank();
	}

	@Test
	void countsTokensWithoutCallingAModel() {
		long tokens = this.client.messages()
			.countTokens(com.anthropic.models.messages.MessageCountTokensParams.builder()
				.model("gpt-4o-mini")
				.addUserMessage("x".repeat(400))
				.build())
			.inputTokens();
		assertThat(tokens).isBetween(100L, 110L);
	}

	@Test
	void errorsComeInAnthropicShape() {
		assertThatThrownBy(() -> this.client.messages()
			.create(MessageCreateParams.builder().model("no-such-model").maxTokens(10).addUserMessage("x").build()))
			.isInstanceOf(BadRequestException.class)
			.hasMessageContaining("Invalid model name passed in model=no-such-model");
		assertThatThrownBy(() -> this.client.messages()
			.create(MessageCreateParams.builder().model("rate-limited").maxTokens(10).addUserMessage("x").build()))
			.isInstanceOf(RateLimitException.class);
		var raw = post("/v1/messages",
				"{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
		assertThat(raw.statusCode()).isEqualTo(400);
		assertThat(raw.body()).contains("\"type\":\"error\"")
			.contains("\"type\":\"invalid_request_error\"")
			.contains("max_tokens: Field required");
	}

}
