package dev.llmgw.middleware.bedrock;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmgw.middleware.support.LocalStack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One base URL for everything: a gateway started with {@code MIDDLEWARE_URL} serves chat
 * itself and forwards the middleware's paths here, and the middleware's own calls,
 * marked, are not forwarded back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GatewayForwardingTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		registry.add("middleware.gateway-url", () -> LocalStack.shared().gatewayUrl());
		registry.add("server.address", () -> "127.0.0.1");
	}

	@Test
	void theGatewaysBaseUrlServesConverseThroughTheMiddlewareAndChatItself() throws Exception {
		String front = LocalStack.shared()
			.anotherGateway("front", Map.of("MIDDLEWARE_URL", "http://127.0.0.1:" + this.port));
		BedrockRuntimeClient client = BedrockRuntimeClient.builder()
			.endpointOverride(URI.create(front + "/bedrock"))
			.region(Region.US_EAST_1)
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.httpClient(UrlConnectionHttpClient.create())
			.overrideConfiguration((config) -> config.addExecutionInterceptor(new ExecutionInterceptor() {
				@Override
				public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
						ExecutionAttributes attributes) {
					return context.httpRequest()
						.toBuilder()
						.putHeader("Authorization", "Bearer " + LocalStack.MASTER_KEY)
						.build();
				}
			}))
			.build();
		try {
			ConverseResponse response = client.converse((request) -> request.modelId("claude")
				.messages(Message.builder()
					.role(ConversationRole.USER)
					.content(ContentBlock.fromText("via the front door"))
					.build()));
			assertThat(response.output().message().content().get(0).text()).isEqualTo("You said: via the front door");
		}
		finally {
			client.close();
		}
		// a stream keeps its binary frames through the gateway's forwarding
		HttpResponse<byte[]> stream = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(front + "/bedrock/model/claude/converse-stream"))
				.header("Authorization", "Bearer " + LocalStack.MASTER_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"frames\"}]}]}"))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(stream.statusCode()).isEqualTo(200);
		assertThat(stream.headers().firstValue("content-type")).hasValue("application/vnd.amazon.eventstream");
		List<software.amazon.awssdk.eventstream.Message> frames = new ArrayList<>();
		new software.amazon.awssdk.eventstream.MessageDecoder(frames::add).feed(stream.body());
		assertThat(frames.get(0).getHeaders().get(":event-type").getString()).isEqualTo("messageStart");
		assertThat(frames.get(frames.size() - 1).getHeaders().get(":event-type").getString()).isEqualTo("metadata");
		HttpResponse<String> chat = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(front + "/v1/chat/completions"))
				.header("Authorization", "Bearer " + LocalStack.MASTER_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"round trip\"}]}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
		assertThat(chat.body()).contains("You said: round trip");
	}

}
