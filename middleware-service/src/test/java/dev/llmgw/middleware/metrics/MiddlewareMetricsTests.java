package dev.llmgw.middleware.metrics;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.llmgw.middleware.support.BedrockClients;
import dev.llmgw.middleware.support.LocalStack;
import dev.llmgw.metrics.PrometheusText;
import dev.llmgw.storage.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.PromptVariableValues;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The middleware's {@code /metrics} read as Prometheus reads it (a strict parser of the
 * text format) after real calls against the real gateway, with PostgreSQL holding chat
 * history, the fake server playing Bedrock Agents and Okta: each counter moves by exactly
 * the calls made, with its labels, no key appears in it, and only the master key reads
 * it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MiddlewareMetricsTests {

	private static final String DATABASE = TestPostgres.newDatabase();

	private static final String AUDIENCE = "api://llmgw-metrics";

	private static final String PROMPT_ID = "PMETRICS01";

	private static final String PROMPT = "arn:aws:bedrock:us-east-1:123456789012:prompt/" + PROMPT_ID;

	private static final String UNKNOWN_PROMPT = "arn:aws:bedrock:us-east-1:123456789012:prompt/PNOPE00001";

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final double[] BUCKETS = { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300,
			420, 600 };

	/** A virtual key of the gateway's, which the calls are made with. */
	private static String key;

	private static RSAKey signing;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("middleware.gateway-url", () -> LocalStack.shared().gatewayUrl());
		registry.add("middleware.bedrock-agent-endpoint", () -> LocalStack.shared().fakeUrl());
		registry.add("middleware.database-url", () -> DATABASE);
		registry.add("middleware.master-key", () -> LocalStack.MASTER_KEY);
		registry.add("middleware.okta.issuer", MiddlewareMetricsTests::issuer);
		registry.add("middleware.okta.audience", () -> AUDIENCE);
		registry.add("server.address", () -> "127.0.0.1");
	}

	@BeforeAll
	static void setUp() throws Exception {
		// managed prompts are fetched with a signed GetPrompt
		System.setProperty("aws.accessKeyId", "AKIDMETRICS");
		System.setProperty("aws.secretAccessKey", "metrics-secret");
		HttpResponse<String> made = HTTP
			.send(HttpRequest.newBuilder(URI.create(LocalStack.shared().gatewayUrl() + "/key/generate"))
				.header("Authorization", "Bearer " + LocalStack.MASTER_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"key_alias\":\"metrics-" + UUID.randomUUID() + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
		key = JSON.readTree(made.body()).path("key").asString();
		HTTP.send(HttpRequest.newBuilder(URI.create(LocalStack.shared().fakeUrl() + "/fake/prompts"))
			.POST(HttpRequest.BodyPublishers.ofString(
					"""
							{"id": "%s", "prompt": {"id": "%s", "name": "metrics", "version": "DRAFT", "variants": [{"name": "v",
							 "modelId": "claude", "templateType": "TEXT",
							 "templateConfiguration": {"text": {"text": "Count {{thing}}", "inputVariables": [{"name": "thing"}]}}}]}}
							"""
						.formatted(PROMPT_ID, PROMPT_ID)))
			.build(), HttpResponse.BodyHandlers.discarding());
		signing = new RSAKeyGenerator(2048).keyID("metrics-k1").generate();
		HTTP.send(HttpRequest.newBuilder(URI.create(LocalStack.shared().fakeUrl() + "/fake/jwks"))
			.POST(HttpRequest.BodyPublishers.ofString(new JWKSet(List.of(signing.toPublicJWK())).toString()))
			.build(), HttpResponse.BodyHandlers.discarding());
	}

	@Test
	void converseCallsAreCountedByOperationModelAndStatusWithTheirLatency() throws Exception {
		PrometheusText before = scrape();
		try (BedrockRuntimeClient client = BedrockClients.sync(this.port, key)) {
			for (int i = 0; i < 2; i++) {
				String text = "count me " + i;
				assertThat(client.converse((request) -> request.modelId("claude").messages(user(text)))
					.output()
					.message()
					.content()
					.get(0)
					.text()).isEqualTo("You said: " + text);
			}
			assertThatThrownBy(() -> client.converse((request) -> request.modelId("missing").messages(user("x"))))
				.isInstanceOf(ResourceNotFoundException.class);
		}
		// a model id with a line break in it, as a caller may send: the label has a space
		HttpResponse<String> odd = HTTP
			.send(HttpRequest.newBuilder(URI.create(base() + "/bedrock/model/odd%0Amodel/converse"))
				.header("Authorization", "Bearer " + key)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"x\"}]}]}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(odd.statusCode()).as(odd.body()).isGreaterThanOrEqualTo(400);

		PrometheusText after = scrapeUntil((metrics) -> requests(metrics, "converse", "claude", "200")
				- requests(before, "converse", "claude", "200") >= 2
				&& requests(metrics, "converse", "odd model", Integer.toString(odd.statusCode()))
						- requests(before, "converse", "odd model", Integer.toString(odd.statusCode())) >= 1
				&& requests(metrics, "converse", "missing", "404")
						- requests(before, "converse", "missing", "404") >= 1);
		assertThat(after.family("llmgw_middleware_converse_requests_total").type()).isEqualTo("counter");
		assertThat(requests(after, "converse", "claude", "200") - requests(before, "converse", "claude", "200"))
			.isEqualTo(2);
		assertThat(requests(after, "converse", "missing", "404") - requests(before, "converse", "missing", "404"))
			.isEqualTo(1);
		assertThat(requests(after, "converse", "odd model", Integer.toString(odd.statusCode()))
				- requests(before, "converse", "odd model", Integer.toString(odd.statusCode())))
			.isEqualTo(1);
		assertThat(after.samples("llmgw_middleware_converse_requests_total", (labels) -> true))
			.allSatisfy((sample) -> assertThat(sample.labels()).containsOnlyKeys("operation", "model", "status_code"));

		PrometheusText.Family latency = after.family("llmgw_middleware_converse_latency");
		assertThat(latency.type()).isEqualTo("histogram");
		Predicate<Map<String, String>> converse = (labels) -> "converse".equals(labels.get("operation"));
		assertThat(after.sum("llmgw_middleware_converse_latency_count", converse)
				- before.sum("llmgw_middleware_converse_latency_count", converse))
			.isEqualTo(4);
		assertThat(after.sum("llmgw_middleware_converse_latency_sum", converse)).isGreaterThan(0);
		assertThat(after.samples("llmgw_middleware_converse_latency_bucket", converse)
			.stream()
			.map((bucket) -> bucket.label("le"))
			.filter((le) -> !"+Inf".equals(le))
			.mapToDouble(Double::parseDouble)
			.toArray()).containsExactly(BUCKETS);
	}

	@Test
	void aStreamCountsItsFramesAndIsActiveOnlyWhileItLasts() throws Exception {
		PrometheusText before = scrape();
		AtomicInteger received = new AtomicInteger();
		try (BedrockRuntimeAsyncClient client = BedrockClients.async(this.port, key)) {
			ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
				.subscriber((event) -> received.incrementAndGet())
				.build();
			CompletableFuture<Void> done = client.converseStream(
					ConverseStreamRequest.builder().modelId("claude").messages(user("stream and count")).build(),
					handler);
			done.get(30, TimeUnit.SECONDS);
		}
		assertThat(received.get()).isGreaterThan(4);
		PrometheusText after = scrapeUntil((metrics) -> requests(metrics, "converse_stream", "claude", "200")
				- requests(before, "converse_stream", "claude", "200") >= 1);
		assertThat(requests(after, "converse_stream", "claude", "200")
				- requests(before, "converse_stream", "claude", "200"))
			.isEqualTo(1);
		Predicate<Map<String, String>> stream = (labels) -> "converse_stream".equals(labels.get("operation"));
		assertThat(after.sum("llmgw_middleware_stream_events_total", stream)
				- before.sum("llmgw_middleware_stream_events_total", stream))
			.as("every frame the SDK read")
			.isEqualTo(received.get());
		assertThat(after.family("llmgw_middleware_streams_active").type()).isEqualTo("gauge");
		assertThat(after.sum("llmgw_middleware_streams_active", stream)).isZero();
		assertThat(after.sum("llmgw_middleware_converse_latency_count", stream)
				- before.sum("llmgw_middleware_converse_latency_count", stream))
			.isEqualTo(1);
	}

	@Test
	void callersThatGoAwayAreCountedAndTheirStreamsEnd() throws Exception {
		PrometheusText before = scrape();
		// the quiet model answers after a second: the caller is gone before any answer
		try (Socket socket = converseOverSocket("quiet", "converse")) {
			Thread.sleep(300);
		}
		// the trickle model streams three chunks 1.5 s apart: the caller reads the first
		// frames and hangs up
		try (Socket socket = converseOverSocket("trickle", "converse-stream")) {
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[8192];
			String head = "";
			while (!head.contains("\r\n\r\n")) {
				int read = in.read(buffer);
				assertThat(read).isPositive();
				head += new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
			}
			assertThat(head).startsWith("HTTP/1.1 200");
		}
		PrometheusText after = scrapeUntil((metrics) -> requests(metrics, "converse", "quiet", "499")
				- requests(before, "converse", "quiet", "499") >= 1
				&& requests(metrics, "converse_stream", "trickle", "200")
						- requests(before, "converse_stream", "trickle", "200") >= 1);
		assertThat(requests(after, "converse", "quiet", "499") - requests(before, "converse", "quiet", "499"))
			.as("no status was sent: 499")
			.isEqualTo(1);
		assertThat(requests(after, "converse_stream", "trickle", "200")
				- requests(before, "converse_stream", "trickle", "200"))
			.as("the stream's 200 was sent")
			.isEqualTo(1);
		assertThat(after.sum("llmgw_middleware_streams_active", (labels) -> true)).isZero();
	}

	@Test
	void historyReadsAndWritesAreCountedByOutcome() throws Exception {
		PrometheusText before = scrape();
		HttpResponse<String> first = send("POST", "/v1/chat/completions", key, """
				{"model": "claude", "enable_history": true, "messages": [{"role": "user", "content": "remember"}]}""");
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		String session = JSON.readTree(first.body()).path("session_id").asString();
		HttpResponse<String> second = send("POST", "/v1/chat/completions", key, """
				{"model": "claude", "session_id": "%s", "messages": [{"role": "user", "content": "again"}]}"""
			.formatted(session));
		assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
		assertThat(send("GET", "/chat-history?session_id=" + session, key, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/bedrock/chat-history?session_id=nope-" + UUID.randomUUID(), key, null).statusCode())
			.isEqualTo(404);
		assertThat(send("DELETE", "/chat-history?session_id=" + session, key, null).statusCode()).isEqualTo(200);
		// the gateway refuses the key before anything is read: no read
		assertThat(send("GET", "/chat-history?session_id=" + session, "sk-not-a-key", null).statusCode())
			.isEqualTo(401);

		PrometheusText after = scrape();
		// reads: the second turn's session, the history route, the unknown session, the
		// deletion's owner check
		assertThat(delta(before, after, "llmgw_middleware_history_reads_total", "outcome", "ok")).isEqualTo(3);
		assertThat(delta(before, after, "llmgw_middleware_history_reads_total", "outcome", "not_found")).isEqualTo(1);
		assertThat(delta(before, after, "llmgw_middleware_history_reads_total", "outcome", "error")).isZero();
		// writes: two turns stored, one deletion
		assertThat(delta(before, after, "llmgw_middleware_history_writes_total", "outcome", "ok")).isEqualTo(3);
		assertThat(delta(before, after, "llmgw_middleware_history_writes_total", "outcome", "error")).isZero();
		assertThat(after.family("llmgw_middleware_history_reads_total").type()).isEqualTo("counter");
	}

	@Test
	void promptFetchesAreCountedBySourceAndOutcome() throws Exception {
		PrometheusText before = scrape();
		try (BedrockRuntimeClient client = BedrockClients.sync(this.port, key)) {
			for (int i = 0; i < 2; i++) {
				assertThat(client
					.converse((request) -> request.modelId(PROMPT)
						.promptVariables(Map.of("thing", PromptVariableValues.fromText("sheep"))))
					.output()
					.message()
					.content()
					.get(0)
					.text()).isEqualTo("You said: Count sheep");
			}
			assertThatThrownBy(() -> client.converse((request) -> request.modelId(UNKNOWN_PROMPT)))
				.isInstanceOf(ResourceNotFoundException.class);
		}
		PrometheusText after = scrapeUntil((metrics) -> requests(metrics, "converse", PROMPT, "200")
				- requests(before, "converse", PROMPT, "200") >= 2
				&& requests(metrics, "converse", UNKNOWN_PROMPT, "404")
						- requests(before, "converse", UNKNOWN_PROMPT, "404") >= 1);
		Predicate<Map<String, String>> bedrockOk = (labels) -> "bedrock".equals(labels.get("source"))
				&& "ok".equals(labels.get("outcome"));
		Predicate<Map<String, String>> cacheOk = (labels) -> "cache".equals(labels.get("source"))
				&& "ok".equals(labels.get("outcome"));
		Predicate<Map<String, String>> notFound = (labels) -> "bedrock".equals(labels.get("source"))
				&& "not_found".equals(labels.get("outcome"));
		String name = "llmgw_middleware_prompt_fetches_total";
		assertThat(after.sum(name, bedrockOk) - before.sum(name, bedrockOk)).as("fetched once").isEqualTo(1);
		assertThat(after.sum(name, cacheOk) - before.sum(name, cacheOk)).as("then from the cache").isEqualTo(1);
		assertThat(after.sum(name, notFound) - before.sum(name, notFound)).isEqualTo(1);
		assertThat(after.sum(name, (labels) -> "error".equals(labels.get("outcome")))
				- before.sum(name, (labels) -> "error".equals(labels.get("outcome"))))
			.isZero();
		// the prompt's calls are Converse calls on the prompt's ARN
		assertThat(requests(after, "converse", PROMPT, "200") - requests(before, "converse", PROMPT, "200"))
			.isEqualTo(2);
	}

	@Test
	void oktaSignUpsAreCountedByOutcome() throws Exception {
		PrometheusText before = scrape();
		String subject = "okta-metrics-" + UUID.randomUUID();
		HttpResponse<String> created = send("POST", "/user/new", token(subject), "{}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		HttpResponse<String> again = send("POST", "/key/generate", token(subject), "{}");
		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
		HttpResponse<String> refused = send("POST", "/user/new", "not.a.token", "{}");
		assertThat(refused.statusCode()).isEqualTo(401);

		PrometheusText after = scrape();
		String name = "llmgw_middleware_okta_signups_total";
		assertThat(delta(before, after, name, "outcome", "created")).isEqualTo(1);
		assertThat(delta(before, after, name, "outcome", "existing")).isEqualTo(1);
		assertThat(delta(before, after, name, "outcome", "refused")).isEqualTo(1);
		assertThat(delta(before, after, name, "outcome", "error")).isZero();
	}

	@Test
	void onlyTheMasterKeyReadsTheMetrics() throws Exception {
		HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/metrics")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(none.body()).at("/error/type").asString()).isEqualTo("auth_error");
		for (String wrong : List.of("sk-wrong", key, LocalStack.MASTER_KEY + "x",
				LocalStack.MASTER_KEY.substring(0, LocalStack.MASTER_KEY.length() - 1))) {
			HttpResponse<String> refused = get("/metrics", Map.of("Authorization", "Bearer " + wrong));
			assertThat(refused.statusCode()).as("a key other than the master key").isEqualTo(401);
			assertThat(refused.body()).doesNotContain(wrong);
		}

		HttpResponse<String> text = get("/metrics", Map.of("Authorization", "Bearer " + LocalStack.MASTER_KEY));
		assertThat(text.statusCode()).isEqualTo(200);
		assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
		assertThat(text.headers().firstValue("Cache-Control")).hasValue("no-store");
		PrometheusText.parse(text.body());
		// the other headers the gateway reads keys from, and the trailing slash
		assertThat(get("/metrics/", Map.of("x-litellm-api-key", LocalStack.MASTER_KEY)).statusCode()).isEqualTo(200);
		HttpResponse<String> open = get("/metrics", Map.of("Authorization", "Bearer " + LocalStack.MASTER_KEY, "Accept",
				"application/openmetrics-text; version=1.0.0"));
		assertThat(open.statusCode()).isEqualTo(200);
		assertThat(open.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/openmetrics-text"));
		assertThat(open.body()).endsWith("# EOF\n");
	}

	@Test
	void theProcessAndItsPoolsAreMeasuredAndNoKeyShows() throws Exception {
		// a call, so the gateway connection pool exists
		assertThat(send("POST", "/v1/chat/completions", key,
				"{\"model\": \"claude\", \"messages\": [{\"role\": \"user\", \"content\": \"pools\"}]}")
			.statusCode()).isEqualTo(200);
		HttpResponse<String> text = get("/metrics", Map.of("Authorization", "Bearer " + LocalStack.MASTER_KEY));
		PrometheusText metrics = PrometheusText.parse(text.body());
		// counters' families are named with _total in this format
		assertThat(metrics.families()).containsKeys("jvm_memory_used_bytes", "jvm_threads_live_threads",
				"process_cpu_usage", "process_uptime_seconds", "netty_allocator_memory_used", "r2dbc_pool_acquired",
				"reactor_netty_connection_provider_total_connections", "llmgw_middleware_converse_latency",
				"llmgw_middleware_streams_active", "llmgw_middleware_stream_events_total",
				"llmgw_middleware_history_reads_total", "llmgw_middleware_history_writes_total",
				"llmgw_middleware_prompt_fetches_total", "llmgw_middleware_okta_signups_total");
		assertThat(metrics.samples("llmgw_middleware_streams_active", (labels) -> true))
			.as("only streamed operations have streams")
			.allSatisfy((sample) -> assertThat(sample.label("operation")).isEqualTo("converse_stream"));
		assertThat(metrics.samples("r2dbc_pool_acquired", (labels) -> true))
			.anySatisfy((sample) -> assertThat(sample.label("name")).isEqualTo("middleware"));
		assertThat(metrics.samples("reactor_netty_connection_provider_total_connections", (labels) -> true))
			.anySatisfy((sample) -> assertThat(sample.label("name")).isEqualTo("gateway"));
		assertThat(text.body()).doesNotContain(LocalStack.MASTER_KEY)
			.doesNotContain(key)
			.doesNotContain(key.substring(3));
	}

	/**
	 * A Converse request written by hand on a connection the test closes when it likes.
	 */
	private Socket converseOverSocket(String model, String operation) throws Exception {
		Socket socket = new Socket("127.0.0.1", this.port);
		byte[] body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"bye\"}]}]}"
			.getBytes(StandardCharsets.UTF_8);
		OutputStream out = socket.getOutputStream();
		out.write(("POST /bedrock/model/" + model + "/" + operation + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ "Authorization: Bearer " + key + "\r\nContent-Type: application/json\r\nContent-Length: "
				+ body.length + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.write(body);
		out.flush();
		return socket;
	}

	private static double requests(PrometheusText metrics, String operation, String model, String status) {
		return metrics.sum("llmgw_middleware_converse_requests_total",
				(labels) -> operation.equals(labels.get("operation")) && model.equals(labels.get("model"))
						&& status.equals(labels.get("status_code")));
	}

	private static double delta(PrometheusText before, PrometheusText after, String name, String label, String value) {
		Predicate<Map<String, String>> where = (labels) -> value.equals(labels.get(label));
		return after.sum(name, where) - before.sum(name, where);
	}

	private PrometheusText scrape() throws Exception {
		HttpResponse<String> response = get("/metrics", Map.of("Authorization", "Bearer " + LocalStack.MASTER_KEY));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return PrometheusText.parse(response.body());
	}

	/**
	 * A call is counted when its response has ended, which the caller may see a moment
	 * before the middleware does: the scrape is repeated until the calls are in.
	 */
	private PrometheusText scrapeUntil(Predicate<PrometheusText> counted) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		PrometheusText metrics = scrape();
		while (!counted.test(metrics) && System.nanoTime() < deadline) {
			Thread.sleep(50);
			metrics = scrape();
		}
		return metrics;
	}

	private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
		headers.forEach(request::header);
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(String method, String path, String bearer, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
			.header("Authorization", "Bearer " + bearer)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	private static Message user(String text) {
		return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build();
	}

	private static String issuer() {
		return LocalStack.shared().fakeUrl() + "/oauth2/metrics";
	}

	private static String token(String subject) throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer())
			.audience(AUDIENCE)
			.subject(subject)
			.claim("email", subject + "@example.com")
			.issueTime(new Date())
			.expirationTime(new Date(System.currentTimeMillis() + 600_000))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signing.getKeyID()).build(),
				claims);
		jwt.sign(new RSASSASigner(signing));
		return jwt.serialize();
	}

}
