package dev.llmgw.middleware.bedrock;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.llmgw.middleware.support.BedrockClients;
import dev.llmgw.middleware.support.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every class of error the real gateway answers a chat call with, through each of the
 * middleware's interfaces: on the OpenAI routes it passes back as the gateway sent it
 * (status, type, code), streamed or not, with history or without; on Converse and
 * ConverseStream it is the Bedrock exception its type names, as an AWS SDK raises it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GatewayErrorsIntegrationTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static Map<String, String> keys;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		registry.add("middleware.gateway-url", () -> LocalStack.shared().gatewayUrl());
		registry.add("server.address", () -> "127.0.0.1");
	}

	@BeforeAll
	static void keys() throws Exception {
		String restricted = generate(Map.of("models", List.of("echo")));
		String spent = generate(Map.of("max_budget", 1e-9));
		// the first call is let through (the spend is 0), its cost puts the key over
		for (int i = 0; i < 20 && gateway(spent, "priced", false).statusCode() == 200; i++) {
			Thread.sleep(100);
		}
		keys = Map.of("master", LocalStack.MASTER_KEY, "unknown", "sk-not-a-gateway-key-000", "restricted", restricted,
				"spent", spent);
	}

	/**
	 * @param name what the gateway refuses
	 * @param key which key calls ({@link #keys})
	 * @param model the model called
	 * @param gatewayStatus the status the gateway answers
	 * @param bedrock the exception an AWS SDK raises
	 * @param bedrockStatus the status a Bedrock client sees
	 */
	record Case(String name, String key, String model, int gatewayStatus,
			Class<? extends BedrockRuntimeException> bedrock, int bedrockStatus) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static Stream<Case> errors() {
		return Stream.of(new Case("budget exceeded", "spent", "priced", 400, ThrottlingException.class, 429),
				new Case("provider rate limit", "master", "throttled", 429, ThrottlingException.class, 429),
				new Case("unknown key", "unknown", "claude", 401, AccessDeniedException.class, 403),
				new Case("model not allowed for the key", "restricted", "claude", 401, AccessDeniedException.class,
						403),
				new Case("provider permission denied", "master", "forbidden", 403, AccessDeniedException.class, 403),
				new Case("provider not found", "master", "missing", 404, ResourceNotFoundException.class, 404),
				new Case("unknown model", "master", "nope", 400, ValidationException.class, 400),
				new Case("context window exceeded", "master", "context", 400, ValidationException.class, 400),
				new Case("content policy", "master", "policy", 400, ValidationException.class, 400),
				new Case("provider timeout", "master", "sluggish", 408, ModelTimeoutException.class, 408),
				new Case("provider unavailable", "master", "broken", 503, ServiceUnavailableException.class, 503),
				new Case("provider unreachable", "master", "unreachable", 500, ServiceUnavailableException.class, 503),
				new Case("provider internal error", "master", "failing", 500, InternalServerException.class, 500),
				new Case("provider bad gateway", "master", "bad-gateway", 502, ModelErrorException.class, 424));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("errors")
	void openAiRoutesPassTheGatewaysErrorBack(Case error) throws Exception {
		String key = keys.get(error.key());
		HttpResponse<String> direct = gateway(key, error.model(), false);
		assertThat(direct.statusCode()).as(direct.body()).isEqualTo(error.gatewayStatus());
		JsonNode expected = JSON.readTree(direct.body()).path("error");
		for (boolean stream : new boolean[] { false, true }) {
			HttpResponse<String> through = post(middleware("/v1/chat/completions"), key,
					chat(error.model(), stream, ""));
			assertThat(through.statusCode()).as(through.body()).isEqualTo(error.gatewayStatus());
			JsonNode got = JSON.readTree(through.body()).path("error");
			assertThat(got.path("type").asString()).isEqualTo(expected.path("type").asString());
			assertThat(got.path("code").asString()).isEqualTo(expected.path("code").asString());
		}
		// with history the middleware first asks the gateway who the key is; a key it
		// refuses is refused here in the same status
		HttpResponse<String> withHistory = post(middleware("/v1/chat/completions"), key,
				chat(error.model(), false, "\"enable_history\": true, "));
		assertThat(withHistory.statusCode()).as(withHistory.body()).isEqualTo(error.gatewayStatus());
		assertThat(withHistory.headers().firstValue("X-Session-Id")).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("errors")
	void converseRaisesTheBedrockExceptionOfTheErrorsType(Case error) {
		String key = keys.get(error.key());
		try (BedrockRuntimeClient client = BedrockClients.sync(this.port, key)) {
			assertThatThrownBy(() -> client.converse((request) -> request.modelId(error.model()).messages(user())))
				.isInstanceOf(error.bedrock())
				.satisfies((thrown) -> assertThat(((BedrockRuntimeException) thrown).statusCode())
					.isEqualTo(error.bedrockStatus()));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("errors")
	void converseStreamRaisesTheBedrockExceptionOfTheErrorsType(Case error) {
		String key = keys.get(error.key());
		try (BedrockRuntimeAsyncClient client = BedrockClients.async(this.port, key)) {
			CompletableFuture<Void> done = client.converseStream(
					ConverseStreamRequest.builder().modelId(error.model()).messages(user()).build(),
					ConverseStreamResponseHandler.builder()
						.subscriber(ConverseStreamResponseHandler.Visitor.builder().build())
						.build());
			try {
				done.get(30, TimeUnit.SECONDS);
				fail("the stream should have failed");
			}
			catch (Exception ex) {
				assertThat(ex.getCause()).isInstanceOf(error.bedrock());
				assertThat(((BedrockRuntimeException) ex.getCause()).statusCode()).isEqualTo(error.bedrockStatus());
			}
		}
	}

	private static Message user() {
		return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText("x")).build();
	}

	private String middleware(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private static HttpResponse<String> gateway(String key, String model, boolean stream) throws Exception {
		return post(LocalStack.shared().gatewayUrl() + "/v1/chat/completions", key, chat(model, stream, ""));
	}

	private static String chat(String model, boolean stream, String extra) {
		return "{" + extra + "\"model\": \"" + model + "\", \"stream\": " + stream
				+ ", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}";
	}

	private static String generate(Map<String, Object> body) throws Exception {
		HttpResponse<String> response = post(LocalStack.shared().gatewayUrl() + "/key/generate", LocalStack.MASTER_KEY,
				JSON.writeValueAsString(body));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).path("key").asString();
	}

	private static HttpResponse<String> post(String url, String key, String body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
