package dev.llmgw.gateway.guardrails;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.llmgw.gateway.providers.bedrock.BedrockRuntimeTarget;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTextBlock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ApplyGuardrail signed and sent by the gateway itself must be what the AWS SDK's own
 * client sends: a loopback server records both, and the SDK's request signed again by
 * {@link ApplyGuardrailClient#sign} at the SDK's instant must carry the SDK's signature.
 */
class ApplyGuardrailClientTests {

	private static final String ARN = "arn:aws:bedrock:us-west-2:123456789012:guardrail/ab12cd34ef";

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final BlockingQueue<Recorded> recorded = new LinkedBlockingQueue<>();

	private final AtomicReference<Reply> reply = new AtomicReference<>(
			new Reply(200, "{\"action\":\"NONE\",\"outputs\":[],\"assessments\":[]}", null));

	private DisposableServer server;

	@BeforeEach
	void start() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive()
				.aggregate()
				.asByteArray()
				.defaultIfEmpty(new byte[0])
				.flatMap((body) -> {
					this.recorded.add(new Recorded(request.method().name(), request.uri(),
							request.requestHeaders().copy(), body));
					Reply answer = this.reply.get();
					if (answer.errorType() != null) {
						response.header("x-amzn-ErrorType", answer.errorType());
					}
					return response.status(answer.status())
						.header("Content-Type", "application/json")
						.sendString(Mono.just(answer.body()))
						.then();
				}))
			.bindNow();
	}

	@AfterEach
	void stop() {
		this.server.disposeNow();
	}

	private URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.port());
	}

	@Test
	void theSignatureIsTheOneTheSdkClientMakes() throws Exception {
		AwsSessionCredentials credentials = AwsSessionCredentials.create("AKIDEXAMPLE",
				"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token");
		try (SdkAsyncHttpClient http = NettyNioAsyncHttpClient.builder().build();
				BedrockRuntimeAsyncClient sdk = BedrockRuntimeAsyncClient.builder()
					.region(Region.US_WEST_2)
					.endpointOverride(endpoint())
					.credentialsProvider(StaticCredentialsProvider.create(credentials))
					.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
					// as BedrockClients builds it: HTTP/1.1 (the SDK's own would take
					// HTTP/2)
					.httpClient(http)
					.build()) {
			sdk.applyGuardrail((request) -> request.guardrailIdentifier(ARN)
				.guardrailVersion("DRAFT")
				.source(GuardrailContentSource.INPUT)
				.content(GuardrailContentBlock.fromText(GuardrailTextBlock.builder().text("héllo \"there\"").build())))
				.get(10, TimeUnit.SECONDS);
		}
		Recorded sent = this.recorded.poll(5, TimeUnit.SECONDS);
		assertThat(sent).isNotNull();
		URI ours = ApplyGuardrailClient.uri(endpoint(), ARN, "DRAFT");
		assertThat(ours.getRawPath()).as("the same path, the ARN escaped as one label").isEqualTo(sent.uri());
		JsonNode sdkBody = this.mapper.readTree(sent.body());
		assertThat(
				this.mapper.readTree(new ApplyGuardrailClient(this.mapper).body("INPUT", List.of("héllo \"there\""))))
			.as("the same JSON")
			.isEqualTo(sdkBody);

		// the SDK's request as it arrived, signed again by ours at the SDK's instant
		String authorization = sent.headers().get("Authorization");
		Instant at = Instant.from(AMZ_DATE.parse(sent.headers().get("X-Amz-Date")));
		SdkHttpRequest.Builder again = SdkHttpRequest.builder()
			.method(SdkHttpMethod.POST)
			.uri(URI.create(endpoint() + sent.uri()));
		String signedHeaders = authorization.substring(authorization.indexOf("SignedHeaders=") + 14,
				authorization.indexOf(", Signature="));
		for (String name : signedHeaders.split(";")) {
			if (!name.equals("x-amz-date") && !name.equals("x-amz-security-token") && !name.equals("host")) {
				again.putHeader(name, sent.headers().getAll(name));
			}
		}
		SdkHttpRequest signed = ApplyGuardrailClient.sign(again.build(), sent.body(), "us-west-2", credentials,
				Clock.fixed(at, ZoneOffset.UTC));
		assertThat(signed.firstMatchingHeader("Authorization")).hasValue(authorization);
		assertThat(signed.firstMatchingHeader("X-Amz-Security-Token")).hasValue("session-token");
	}

	@Test
	void aCheckIsSignedForBedrockInItsRegionAndItsAnswerRead() throws Exception {
		try (ApplyGuardrailClient client = new ApplyGuardrailClient(this.mapper)) {
			BedrockRuntimeTarget target = new BedrockRuntimeTarget("eu-west-1", endpoint(),
					StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
			JsonNode answer = client.apply(target, ARN, "3", "OUTPUT", List.of("one", "two"))
				.block(Duration.ofSeconds(10));
			assertThat(answer.path("action").asString()).isEqualTo("NONE");
			Recorded sent = this.recorded.poll(5, TimeUnit.SECONDS);
			assertThat(sent.method()).isEqualTo("POST");
			assertThat(sent.uri())
				.isEqualTo("/guardrail/" + ARN.replace(":", "%3A").replace("/", "%2F") + "/version/3/apply");
			assertThat(sent.headers().get("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
				.contains("/eu-west-1/bedrock/aws4_request")
				.contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date")
				.doesNotContain("secret");
			assertThat(sent.headers().getAll("Host")).as("one Host header").hasSize(1);
			assertThat(this.mapper.readTree(sent.body()).toString()).isEqualTo(
					"{\"source\":\"OUTPUT\",\"content\":[{\"text\":{\"text\":\"one\"}},{\"text\":{\"text\":\"two\"}}]}");
			assertThat(new String(sent.body(), StandardCharsets.UTF_8))
				.hasSize(Integer.parseInt(sent.headers().get("Content-Length")));

			this.reply.set(new Reply(400, "{\"message\":\"The guardrail identifier is invalid.\"}",
					"ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/"));
			assertThatThrownBy(
					() -> client.apply(target, "nope", "1", "INPUT", List.of("x")).block(Duration.ofSeconds(10)))
				.isInstanceOf(ApplyGuardrailClient.GuardrailServiceException.class)
				.hasMessage("ApplyGuardrail answered 400 ValidationException: The guardrail identifier is invalid.");
			this.reply.set(new Reply(502, "<html>bad gateway</html>", null));
			assertThatThrownBy(
					() -> client.apply(target, "nope", "1", "INPUT", List.of("x")).block(Duration.ofSeconds(10)))
				.isInstanceOf(ApplyGuardrailClient.GuardrailServiceException.class)
				.hasMessageContaining("502");
		}
	}

	@Test
	void matchesAreRedactedAtAnyDepthAndNullsLeftOut() {
		Object assessment = this.mapper.treeToValue(this.mapper.readTree(
				"{\"sensitiveInformationPolicy\":{\"piiEntities\":[{\"match\":\"a@b.c\",\"type\":\"EMAIL\",\"action\":\"ANONYMIZED\"}],\"regexes\":null}}"),
				Object.class);
		assertThat(BedrockGuardrail.redacted(assessment)).isEqualTo(Map.of("sensitiveInformationPolicy", Map
			.of("piiEntities", List.of(Map.of("match", "[REDACTED]", "type", "EMAIL", "action", "ANONYMIZED")))));
	}

	private record Recorded(String method, String uri, HttpHeaders headers, byte[] body) {

	}

	private record Reply(int status, String body, String errorType) {

	}

}
