package dev.llmgw.gateway.tracing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayHttp;
import dev.llmgw.gateway.support.GatewayInstances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traces with {@code callbacks: ["otel"]}, exported over OTLP/HTTP by the real
 * OpenTelemetry SDK to the fake's collector: the caller's {@code traceparent} parents the
 * server span, which carries LiteLLM's and the GenAI conventions' attributes, with a
 * client span per provider attempt (the failed one and its fallback) and a span per
 * guardrail; the provider request carries the trace on where the operator asked
 * ({@code forward_traceparent_to_llm_provider}). Prompt text is on the span only where
 * the operator turned it on.
 */
class TracingIntegrationTests {

	private static final String MASTER_KEY = "sk-tracing-master-0123";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@TempDir
	static Path directory;

	static ConfigurableApplicationContext withContent;

	static ConfigurableApplicationContext withoutContent;

	static String collector;

	@BeforeAll
	static void start() throws Exception {
		String fake = FakeLlmServerProcess.shared().baseUrl();
		collector = "http://127.0.0.1:" + FakeLlmServerProcess.shared().port();
		Path config = directory.resolve("config.yaml");
		String yaml = """
				model_list:
				  - model_name: traced
				    litellm_params: {model: "openai/traced-chat", api_base: "%1$s", api_key: k}
				  - model_name: traced-broken
				    litellm_params: {model: "openai/traced-broken;error=500", api_base: "%1$s", api_key: k}
				router_settings:
				  num_retries: 0
				  fallbacks: [{"traced-broken": ["traced"]}]
				guardrails:
				  - guardrail_name: words
				    litellm_params:
				      guardrail: litellm_content_filter
				      mode: pre_call
				      default_on: true
				      blocked_words: [{keyword: forbidden, action: BLOCK}]
				litellm_settings:
				  callbacks: ["otel"]
				  cache: true
				  cache_params: {type: local, mode: default_off}
				  %3$s
				general_settings:
				  master_key: %2$s
				""";
		Files.writeString(config, yaml.formatted(fake, MASTER_KEY, "forward_traceparent_to_llm_provider: true"));
		Path plain = directory.resolve("plain.yaml");
		Files.writeString(plain, yaml.formatted(fake, MASTER_KEY, "json_logs: false"));
		withContent = GatewayInstances.startWithConfig(config, "--gateway.data-dir=" + directory.resolve("a"),
				"--otel.exporter.otlp.endpoint=" + collector, "--otel.bsp.schedule.delay=50",
				"--otel.service.name=traced-gateway", "--otel.instrumentation.genai.capture-message-content=true");
		withoutContent = GatewayInstances.startWithConfig(plain, "--gateway.data-dir=" + directory.resolve("b"),
				"--otel.endpoint=" + collector, "--otel.bsp.schedule.delay=50",
				// the middleware's paths forwarded to the fake, to see the hop carry the
				// trace
				"--gateway.middleware-url=" + collector);
	}

	@AfterAll
	static void stop() {
		if (withContent != null) {
			withContent.close();
		}
		if (withoutContent != null) {
			withoutContent.close();
		}
	}

	@Test
	void aCallIsOneServerSpanUnderTheCallersTraceWithItsAttemptsAndGuardrails() throws Exception {
		String traceId = hex(16);
		String callerSpan = hex(8);
		HttpResponse<String> call = chat(withContent, "traced-broken", "a question to trace", traceId, callerSpan);
		assertThat(call.statusCode()).as(call.body()).isEqualTo(200);

		List<JsonNode> spans = spans(traceId, 5);
		JsonNode server = only(spans, "Received Proxy Server Request");
		assertThat(server.path("kind").asString()).isEqualTo("SPAN_KIND_SERVER");
		assertThat(server.path("parent_span_id").asString()).as("the caller's span is the parent")
			.isEqualTo(callerSpan);
		assertThat(server.path("service_name").asString()).isEqualTo("traced-gateway");
		JsonNode attributes = server.path("attributes");
		assertThat(attributes.path("gen_ai.operation.name").asString()).isEqualTo("chat");
		assertThat(attributes.path("gen_ai.request.model").asString()).isEqualTo("traced-broken");
		assertThat(attributes.path("gen_ai.provider.name").asString()).isEqualTo("openai");
		assertThat(attributes.path("gen_ai.system").asString()).isEqualTo("openai");
		assertThat(attributes.path("llm.request.type").asString()).isEqualTo("acompletion");
		assertThat(attributes.path("litellm.call_id").asString())
			.isEqualTo(call.headers().firstValue("x-litellm-call-id").orElseThrow());
		JsonNode usage = JSON.readTree(call.body()).path("usage");
		assertThat(attributes.path("gen_ai.usage.input_tokens").asLong())
			.isEqualTo(usage.path("prompt_tokens").asLong());
		assertThat(attributes.path("gen_ai.usage.output_tokens").asLong())
			.isEqualTo(usage.path("completion_tokens").asLong());
		assertThat(attributes.path("gen_ai.input.messages").asString()).as("the messages, not the whole request")
			.startsWith("[")
			.contains("a question to trace")
			.doesNotContain("\"model\"");

		List<JsonNode> attempts = named(spans, "chat traced-broken;error=500");
		assertThat(attempts).hasSize(1);
		assertThat(attempts.get(0).path("status").asString()).isEqualTo("STATUS_CODE_ERROR");
		assertThat(attempts.get(0).path("attributes").path("error.type").asString()).isEqualTo("InternalServerError");
		JsonNode answered = only(spans, "chat traced-chat");
		assertThat(answered.path("kind").asString()).isEqualTo("SPAN_KIND_CLIENT");
		assertThat(answered.path("attributes").path("litellm.fallback").isMissingNode()).isTrue();
		JsonNode guardrail = only(spans, "guardrail");
		assertThat(guardrail.path("attributes").path("guardrail.verdict").asString()).isEqualTo("passed");
		JsonNode admission = only(spans, "admission");
		assertThat(admission.path("end").asLong()).as("admitted before the provider is called")
			.isLessThanOrEqualTo(attempts.get(0).path("start").asLong());
		for (JsonNode child : List.of(attempts.get(0), answered, guardrail, admission)) {
			assertThat(child.path("parent_span_id").asString()).isEqualTo(server.path("span_id").asString());
			assertThat(child.path("start").asLong()).isBetween(server.path("start").asLong(),
					server.path("end").asLong());
		}

		JsonNode traceparents = GatewayHttp.fakeStats().path("by_traceparent");
		assertThat(traceparents.has("00-" + traceId + "-" + server.path("span_id").asString() + "-01"))
			.as("the provider requests carry the trace, under the server span: " + traceparents)
			.isTrue();
	}

	@Test
	void aRefusedCallIsAnErrorSpanAndTextStaysOffTheSpanUnlessTurnedOn() throws Exception {
		String traceId = hex(16);
		HttpResponse<String> refused = chat(withoutContent, "traced", "a forbidden word", traceId, hex(8));
		assertThat(refused.statusCode()).isEqualTo(400);
		List<JsonNode> spans = spans(traceId, 2);
		JsonNode server = only(spans, "Received Proxy Server Request");
		assertThat(server.path("status").asString()).isEqualTo("STATUS_CODE_ERROR");
		assertThat(server.path("service_name").asString()).as("LiteLLM's default").isEqualTo("litellm");
		assertThat(server.path("attributes").path("error.type").asString()).isEqualTo("GuardrailViolationError");
		assertThat(server.path("attributes").has("gen_ai.input.messages")).isFalse();
		assertThat(server.toString()).doesNotContain("forbidden").doesNotContain(MASTER_KEY);
		assertThat(only(spans, "guardrail").path("attributes").path("guardrail.verdict").asString())
			.isEqualTo("blocked");
	}

	@Test
	void theHopToTheMiddlewareCarriesTheTraceUnderTheGatewaysSpan() throws Exception {
		String traceId = hex(16);
		String callerSpan = hex(8);
		HTTP.send(HttpRequest
			.newBuilder(URI.create(GatewayInstances.baseUrl(withoutContent) + "/bedrock/model/hop-model/converse"))
			.header("Authorization", "Bearer " + MASTER_KEY)
			.header("Content-Type", "application/json")
			.header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
			.POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode server = only(spans(traceId, 1), "Received Proxy Server Request");
		assertThat(server.path("parent_span_id").asString()).isEqualTo(callerSpan);
		assertThat(GatewayHttp.fakeStats()
			.path("by_traceparent")
			.has("00-" + traceId + "-" + server.path("span_id").asString() + "-01"))
			.as("forwarded under the gateway's span, not the caller's")
			.isTrue();
	}

	@Test
	void aCacheHitIsACacheSpanAndNoProviderAttempt() throws Exception {
		String body = "{\"model\":\"traced\",\"cache\":{\"use-cache\":true},\"messages\":[{\"role\":\"user\","
				+ "\"content\":\"cached " + hex(4) + "\"}]}";
		String first = hex(16);
		String second = hex(16);
		assertThat(post(withoutContent, body, first).statusCode()).isEqualTo(200);
		assertThat(post(withoutContent, body, second).statusCode()).isEqualTo(200);
		JsonNode missed = only(spans(first, 4), "cache");
		assertThat(missed.path("attributes").path("litellm.cache_hit").asBoolean()).isFalse();
		List<JsonNode> hit = spans(second, 4);
		assertThat(only(hit, "cache").path("attributes").path("litellm.cache_hit").asBoolean()).isTrue();
		assertThat(named(hit, "chat traced-chat")).as("no provider was called").isEmpty();
	}

	private static HttpResponse<String> post(ConfigurableApplicationContext gateway, String body, String traceId)
			throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(GatewayInstances.baseUrl(gateway) + "/v1/chat/completions"))
			.header("Authorization", "Bearer " + MASTER_KEY)
			.header("Content-Type", "application/json")
			.header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void aKeyInAPathStaysOffTheSpan() throws Exception {
		String traceId = hex(16);
		HTTP.send(HttpRequest
			.newBuilder(
					URI.create(GatewayInstances.baseUrl(withoutContent) + "/key/sk-abcdefghijklmnop1234/regenerate"))
			.header("Authorization", "Bearer " + MASTER_KEY)
			.header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode server = only(spans(traceId, 1), "Received Proxy Server Request");
		assertThat(server.path("attributes").path("url.path").asString()).startsWith("/key/")
			.doesNotContain("abcdefghijklmnop1234");
	}

	@Test
	void filesCallsCarryTheTraceToTheProviderToo() throws Exception {
		String base = GatewayInstances.baseUrl(withContent);
		String upload = "--b\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
				+ "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n"
				+ "Content-Type: application/jsonl\r\n\r\n{\"custom_id\":\"1\",\"method\":\"POST\",\"url\":"
				+ "\"/v1/chat/completions\",\"body\":{\"model\":\"traced\",\"messages\":[]}}\r\n--b--\r\n";
		String[] traces = { hex(16), hex(16), hex(16) };
		HttpResponse<String> uploaded = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/files?model=traced"))
			.header("Authorization", "Bearer " + MASTER_KEY)
			.header("Content-Type", "multipart/form-data; boundary=b")
			.header("traceparent", "00-" + traces[0] + "-" + hex(8) + "-01")
			.POST(HttpRequest.BodyPublishers.ofString(upload))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
		String file = JSON.readTree(uploaded.body()).path("id").asString();
		HttpResponse<String> content = HTTP
			.send(HttpRequest.newBuilder(URI.create(base + "/v1/files/" + file + "/content"))
				.header("Authorization", "Bearer " + MASTER_KEY)
				.header("traceparent", "00-" + traces[1] + "-" + hex(8) + "-01")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(content.statusCode()).as(content.body()).isEqualTo(200);
		HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/files/" + file))
			.header("Authorization", "Bearer " + MASTER_KEY)
			.header("traceparent", "00-" + traces[2] + "-" + hex(8) + "-01")
			.DELETE()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
		List<String> carried = new ArrayList<>();
		GatewayHttp.fakeStats().path("by_traceparent").propertyNames().forEach(carried::add);
		for (String trace : traces) {
			assertThat(carried).as("the upload, the download and the delete each reach the provider under their trace")
				.anyMatch((traceparent) -> traceparent.contains(trace));
		}
	}

	@Test
	void aCallWithoutTraceparentStartsItsOwnTrace() throws Exception {
		HttpResponse<String> call = GatewayHttp.post(GatewayInstances.baseUrl(withoutContent), MASTER_KEY,
				"/v1/chat/completions",
				"{\"model\":\"traced\",\"messages\":[{\"role\":\"user\",\"content\":\"own\"}]}");
		assertThat(call.statusCode()).isEqualTo(200);
		String callId = call.headers().firstValue("x-litellm-call-id").orElseThrow();
		long deadline = System.nanoTime() + 10_000_000_000L;
		JsonNode server = null;
		while (server == null && System.nanoTime() < deadline) {
			for (JsonNode span : all()) {
				if (callId.equals(span.path("attributes").path("litellm.call_id").asString(null))) {
					server = span;
				}
			}
			Thread.sleep(50);
		}
		assertThat(server).as("the call's span").isNotNull();
		assertThat(server.path("parent_span_id").asString()).isEmpty();
		assertThat(server.path("trace_id").asString()).hasSize(32);
		String traceId = server.path("trace_id").asString();
		GatewayHttp.fakeStats()
			.path("by_traceparent")
			.propertyNames()
			.forEach((traceparent) -> assertThat(traceparent)
				.as("without forward_traceparent_to_llm_provider the provider gets no trace, as in LiteLLM")
				.doesNotContain(traceId));
	}

	private static HttpResponse<String> chat(ConfigurableApplicationContext gateway, String model, String content,
			String traceId, String parentSpan) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(GatewayInstances.baseUrl(gateway) + "/v1/chat/completions"))
			.header("Authorization", "Bearer " + MASTER_KEY)
			.header("Content-Type", "application/json")
			.header("traceparent", "00-" + traceId + "-" + parentSpan + "-01")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The spans of a trace, once at least {@code count} arrived (the SDK exports in
	 * batches).
	 */
	private static List<JsonNode> spans(String traceId, int count) throws Exception {
		long deadline = System.nanoTime() + 10_000_000_000L;
		List<JsonNode> found = new ArrayList<>();
		while (System.nanoTime() < deadline) {
			found.clear();
			for (JsonNode span : all()) {
				if (traceId.equals(span.path("trace_id").asString())) {
					found.add(span);
				}
			}
			if (found.size() >= count) {
				break;
			}
			Thread.sleep(50);
		}
		return found;
	}

	private static JsonNode all() throws Exception {
		return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(collector + "/fake/traces")).build(),
				HttpResponse.BodyHandlers.ofString())
			.body());
	}

	private static JsonNode only(List<JsonNode> spans, String name) {
		List<JsonNode> named = named(spans, name);
		assertThat(named).as("one span named " + name + " in " + spans).hasSize(1);
		return named.get(0);
	}

	private static List<JsonNode> named(List<JsonNode> spans, String name) {
		return spans.stream().filter((span) -> name.equals(span.path("name").asString())).toList();
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		random[0] |= 1;
		return HexFormat.of().formatHex(random);
	}

}
