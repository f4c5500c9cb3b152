package dev.llmgw.gateway.logging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.Eventually;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayHttp;
import dev.llmgw.gateway.support.GatewayInstances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The logging callbacks end to end, each against the fake's collector over real HTTP: S3
 * through the AWS SDK, Langfuse's ingestion API, LangSmith's batch runs API and a
 * webhook. Checks the payloads LiteLLM's consumers read (success, stream, failure, cache
 * hit, redaction, opt-out), that each list logs what it should, that no key leaves in
 * clear, and that a collector that is down or slow changes nothing for the caller and
 * gets its entries once it is back. A second gateway shows the operator's settings
 * ({@code redact_user_api_key_info}, {@code allow_dynamic_callback_disabling}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoggingCallbacksIntegrationTests {

	/**
	 * The tests that stop a gateway of their own come last: gateways started by
	 * GatewayInstances share Reactor Netty's global resources, so stopping one stops the
	 * servers of this class's other two as well.
	 */
	private static final int STOPS_A_GATEWAY = Integer.MAX_VALUE;

	private static final String MASTER_KEY = "sk-logging-master-0123";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final String BUCKET = "logs-" + UUID.randomUUID();

	private static final String HOOK = "/fake/webhook/" + UUID.randomUUID();

	@TempDir
	static Path directory;

	static ConfigurableApplicationContext gateway;

	static String base;

	static String collector;

	static String key;

	static String teamAlias;

	/**
	 * Langfuse alone, with the key's details redacted and no opt-out from logging.
	 */
	static ConfigurableApplicationContext operator;

	static String operatorBase;

	@BeforeAll
	static void start() throws Exception {
		String fake = FakeLlmServerProcess.shared().baseUrl();
		collector = "http://127.0.0.1:" + FakeLlmServerProcess.shared().port();
		Path config = directory.resolve("config.yaml");
		Files.writeString(config, """
				model_list:
				  - model_name: logged
				    litellm_params: {model: "openai/logged-chat", api_base: "%1$s", api_key: k}
				    model_info: {input_cost_per_token: 0.000001, output_cost_per_token: 0.000002}
				  - model_name: logged-embed
				    litellm_params: {model: "openai/logged-embed", api_base: "%1$s", api_key: k}
				    model_info: {mode: embedding}
				  - model_name: logged-broken
				    litellm_params: {model: "openai/logged-broken;error=500", api_base: "%1$s", api_key: k}
				router_settings:
				  num_retries: 0
				litellm_settings:
				  callbacks: ["s3_v2", "audit_hook"]
				  success_callback: ["langfuse", "langsmith", "prometheus"]
				  failure_callback: ["generic_api", "datadog"]
				  cache: true
				  cache_params: {type: local, mode: default_off}
				  s3_callback_params:
				    s3_bucket_name: %3$s
				    s3_region_name: us-east-1
				    s3_endpoint_url: %2$s
				    s3_aws_access_key_id: AKIDLOGGING
				    s3_aws_secret_access_key: logging-secret
				    s3_path: gateway-logs/
				    s3_use_team_prefix: true
				    s3_flush_interval: 0.2
				environment_variables:
				  LANGFUSE_PUBLIC_KEY: pk-lf-test
				  LANGFUSE_SECRET_KEY: sk-lf-test
				  LANGFUSE_HOST: %2$s
				  LANGFUSE_FLUSH_INTERVAL: "0.2"
				  LANGSMITH_API_KEY: ls-test-key
				  LANGSMITH_BASE_URL: %2$s
				  LANGSMITH_PROJECT: gateway-tests
				  LANGSMITH_FLUSH_INTERVAL: "0.2"
				  GENERIC_LOGGER_ENDPOINT: %2$s%4$s
				  GENERIC_LOGGER_HEADERS: "Authorization=Bearer hook-secret,X-Source=gateway"
				  DEFAULT_FLUSH_INTERVAL_SECONDS: "0.2"
				callback_settings:
				  audit_hook:
				    callback_type: generic_api
				    endpoint: "%2$s%4$s-audit"
				    headers: {X-Audit: "yes, with a comma"}
				    event_types: ["llm_api_success"]
				    log_format: ndjson
				general_settings:
				  master_key: %5$s
				""".formatted(fake, collector, BUCKET, HOOK, MASTER_KEY));
		gateway = GatewayInstances.startWithConfig(config, "--gateway.data-dir=" + directory.resolve("data"));
		base = GatewayInstances.baseUrl(gateway);
		AdminClient admin = new AdminClient(base);
		teamAlias = "logging-team-" + UUID.randomUUID();
		String team = admin.post("/team/new", MASTER_KEY, Map.of("team_alias", teamAlias)).text("/team_id");
		key = admin.post("/key/generate", MASTER_KEY, Map.of("key_alias", "logging-key", "team_id", team)).text("/key");

		Path operatorConfig = directory.resolve("operator.yaml");
		Files.writeString(operatorConfig, """
				model_list:
				  - model_name: logged
				    litellm_params: {model: "openai/logged-chat", api_base: "%1$s", api_key: k}
				litellm_settings:
				  success_callback: ["langfuse"]
				  redact_user_api_key_info: true
				  allow_dynamic_callback_disabling: false
				environment_variables:
				  LANGFUSE_PUBLIC_KEY: pk-lf-test
				  LANGFUSE_SECRET_KEY: sk-lf-test
				  LANGFUSE_HOST: %2$s
				  LANGFUSE_FLUSH_INTERVAL: "0.2"
				general_settings:
				  master_key: %3$s
				""".formatted(fake, collector, MASTER_KEY));
		operator = GatewayInstances.startWithConfig(operatorConfig,
				"--gateway.data-dir=" + directory.resolve("operator-data"));
		operatorBase = GatewayInstances.baseUrl(operator);
	}

	@AfterAll
	static void stop() {
		if (gateway != null) {
			gateway.close();
		}
		if (operator != null) {
			operator.close();
		}
	}

	@AfterEach
	void clearFaults() throws Exception {
		send("DELETE", "/fake/collectors/fault", null);
	}

	@Test
	void aSuccessIsOneS3ObjectATraceAndARunWithLitellmsPayload() throws Exception {
		HttpResponse<String> call = GatewayHttp.post(base, key, "/v1/chat/completions",
				chat("logged", "log this question", ""));
		assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
		String callId = call.headers().firstValue("x-litellm-call-id").orElseThrow();
		JsonNode answer = JSON.readTree(call.body());

		JsonNode object = s3Object(callId);
		String day = LocalDate.now(ZoneOffset.UTC).toString();
		assertThat(object.path("key").asString()).as("LiteLLM's layout: path, team, day, time and id")
			.matches("gateway-logs/" + teamAlias + "/" + day + "/time-\\d{2}-\\d{2}-\\d{2}-\\d{6}_"
					+ answer.path("id").asString() + "\\.json");
		assertThat(object.path("headers").path("content-type").asString()).isEqualTo("application/json");
		assertThat(object.path("headers").path("cache-control").asString())
			.isEqualTo("private, immutable, max-age=31536000, s-maxage=0");
		assertThat(object.path("headers").path("content-md5").asString()).as("an Object Lock bucket requires it")
			.isNotEmpty();
		JsonNode payload = object.path("body");
		assertThat(payload.path("id").asString()).isEqualTo(answer.path("id").asString());
		assertThat(payload.path("trace_id").asString()).isEqualTo(callId);
		assertThat(payload.path("call_type").asString()).isEqualTo("acompletion");
		assertThat(payload.path("status").asString()).isEqualTo("success");
		assertThat(payload.path("status_fields").path("llm_api_status").asString()).isEqualTo("success");
		assertThat(payload.path("status_fields").path("guardrail_status").asString()).isEqualTo("not_run");
		assertThat(payload.has("stream")).isTrue();
		assertThat(payload.path("stream").isNull()).as("null, never false, as LiteLLM").isTrue();
		assertThat(payload.path("model").asString()).isEqualTo("logged-chat");
		assertThat(payload.path("model_group").asString()).isEqualTo("logged");
		assertThat(payload.path("custom_llm_provider").asString()).isEqualTo("openai");
		assertThat(payload.path("prompt_tokens").asLong())
			.isEqualTo(answer.path("usage").path("prompt_tokens").asLong());
		assertThat(payload.path("completion_tokens").asLong())
			.isEqualTo(answer.path("usage").path("completion_tokens").asLong());
		assertThat(payload.path("response_cost").asDouble()).isPositive();
		assertThat(payload.path("startTime").asDouble()).isPositive()
			.isLessThanOrEqualTo(payload.path("endTime").asDouble());
		assertThat(payload.path("messages").path(0).path("content").asString()).isEqualTo("log this question");
		assertThat(payload.path("response").path("choices").path(0).path("message").path("content").asString())
			.isEqualTo(answer.path("choices").path(0).path("message").path("content").asString());
		assertThat(payload.path("model_parameters").path("max_tokens").asInt()).isEqualTo(20);
		assertThat(payload.path("error_information").path("error_class").asString()).isEmpty();
		assertThat(payload.path("end_user").asString()).as("\"\" when none, as LiteLLM").isEmpty();
		assertThat(payload.path("completionStartTime").asDouble()).as("the end, without a stream")
			.isEqualTo(payload.path("endTime").asDouble());
		JsonNode metadata = payload.path("metadata");
		assertThat(metadata.path("user_api_key_hash").asString()).isEqualTo(KeyHashes.sha256Hex(key));
		assertThat(metadata.path("user_api_key_alias").asString()).isEqualTo("logging-key");
		assertThat(metadata.path("user_api_key_team_alias").asString()).isEqualTo(teamAlias);
		assertThat(metadata.path("user_api_key_request_route").asString()).isEqualTo("/v1/chat/completions");
		assertThat(payload.path("request_tags").toString()).contains("User-Agent: Java-http-client");
		assertThat(object.toString()).as("the key itself is never logged").doesNotContain(key);

		JsonNode trace = langfuseEvent("trace-create", callId);
		assertThat(trace.path("name").asString()).isEqualTo("litellm-acompletion");
		assertThat(trace.path("input").path("messages").path(0).path("content").asString())
			.isEqualTo("log this question");
		JsonNode generation = langfuseEvent("generation-create", callId);
		assertThat(generation.path("name").asString()).isEqualTo("litellm:logging-key");
		assertThat(generation.path("model").asString()).isEqualTo("logged-chat");
		assertThat(generation.path("usage").path("input").asLong())
			.isEqualTo(answer.path("usage").path("prompt_tokens").asLong());
		assertThat(generation.path("usage").path("unit").asString()).isEqualTo("TOKENS");
		assertThat(generation.path("level").asString()).isEqualTo("DEFAULT");
		assertThat(generation.path("output").path("content").asString())
			.isEqualTo(answer.path("choices").path(0).path("message").path("content").asString());

		JsonNode run = langsmithRun(callId);
		assertThat(run.path("run_type").asString()).isEqualTo("llm");
		assertThat(run.path("session_name").asString()).isEqualTo("gateway-tests");
		assertThat(run.path("name").asString()).isEqualTo("LLMRun");
		assertThat(run.path("outputs").path("id").asString()).isEqualTo(answer.path("id").asString());
		assertThat(run.path("id").asString()).as("the call id: a retry makes no second run").isEqualTo(callId);

		assertThat(webhookBodies()).as("generic_api is on failure_callback only")
			.noneMatch((body) -> body.toString().contains(callId));

		JsonNode audited = eventually(() -> {
			List<JsonNode> requests = new ArrayList<>();
			read("/fake/webhook").forEach((request) -> {
				if ((HOOK + "-audit").equals(request.path("path").asString())) {
					requests.add(request);
				}
			});
			return requests;
		}, (request) -> request.path("body").toString().contains(callId));
		assertThat(audited.path("headers").path("x-audit").asString()).isEqualTo("yes, with a comma");
	}

	@Test
	void aStreamIsLoggedOnceWithItsAnswerPutBackTogether() throws Exception {
		HttpResponse<String> call = GatewayHttp.post(base, key, "/v1/chat/completions",
				chat("logged", "stream this", ",\"stream\":true"));
		assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
		String callId = call.headers().firstValue("x-litellm-call-id").orElseThrow();
		StringBuilder streamed = new StringBuilder();
		for (String line : call.body().split("\n")) {
			if (line.startsWith("data: {")) {
				JsonNode delta = JSON.readTree(line.substring(6)).path("choices").path(0).path("delta");
				if (delta.path("content").isString()) {
					streamed.append(delta.path("content").asString());
				}
			}
		}
		JsonNode payload = s3Object(callId).path("body");
		assertThat(payload.path("stream").asBoolean()).isTrue();
		assertThat(payload.path("response").path("object").asString()).isEqualTo("chat.completion");
		assertThat(payload.path("response").path("choices").path(0).path("message").path("content").asString())
			.isEqualTo(streamed.toString())
			.isNotEmpty();
		assertThat(payload.path("completionStartTime").asDouble()).isBetween(payload.path("startTime").asDouble(),
				payload.path("endTime").asDouble());
		assertThat(s3Objects().stream().filter((each) -> each.toString().contains(callId)).count()).isEqualTo(1);
	}

	@Test
	void aFailureGoesToTheFailureCallbacksWithItsError() throws Exception {
		HttpResponse<String> call = GatewayHttp.post(base, key, "/v1/chat/completions",
				chat("logged-broken", "this will fail", ""));
		assertThat(call.statusCode()).isEqualTo(500);
		String callId = call.headers().firstValue("x-litellm-call-id").orElseThrow();
		JsonNode payload = s3Object(callId).path("body");
		assertThat(payload.path("id").asString()).isEqualTo(callId);
		assertThat(payload.path("status").asString()).isEqualTo("failure");
		assertThat(payload.path("response").isObject() && payload.path("response").isEmpty()).isTrue();
		assertThat(payload.path("response_cost").asDouble()).isZero();
		assertThat(payload.path("error_str").asString()).isNotEmpty();
		assertThat(payload.path("error_information").path("error_code").asString()).isEqualTo("500");
		assertThat(payload.path("error_information").path("error_class").asString()).isEqualTo("InternalServerError");
		assertThat(payload.path("error_information").path("llm_provider").asString()).isEqualTo("openai");

		Eventually.within(Duration.ofSeconds(10),
				() -> webhookBodies().stream().anyMatch((body) -> body.toString().contains(callId)));
		JsonNode request = webhookRequests().stream()
			.filter((each) -> each.path("body").toString().contains(callId))
			.findFirst()
			.orElseThrow();
		assertThat(request.path("body").isArray()).as("json_array, LiteLLM's default").isTrue();
		assertThat(request.path("headers").path("authorization").asString()).isEqualTo("Bearer hook-secret");
		assertThat(request.path("headers").path("x-source").asString()).isEqualTo("gateway");
		// a success callback is not told of failures, nor a named one whose event_types
		// say so
		Thread.sleep(500);
		assertThat(langfuseEvents()).noneMatch((event) -> event.toString().contains(callId));
		assertThat(read("/fake/webhook").toString().split(HOOK + "-audit", -1).length - 1)
			.as("the audit hook's requests")
			.isPositive();
		read("/fake/webhook").forEach((each) -> {
			if ((HOOK + "-audit").equals(each.path("path").asString())) {
				assertThat(each.path("body").toString()).doesNotContain(callId);
			}
		});
	}

	@Test
	void aCachedAnswerIsLoggedAsAHit() throws Exception {
		String question = "cache me " + UUID.randomUUID();
		String body = chat("logged", question, ",\"cache\":{\"use-cache\":true}");
		HttpResponse<String> first = GatewayHttp.post(base, key, "/v1/chat/completions", body);
		HttpResponse<String> second = GatewayHttp.post(base, key, "/v1/chat/completions", body);
		assertThat(second.statusCode()).isEqualTo(200);
		JsonNode missed = s3Object(first.headers().firstValue("x-litellm-call-id").orElseThrow()).path("body");
		JsonNode hit = s3Object(second.headers().firstValue("x-litellm-call-id").orElseThrow()).path("body");
		assertThat(missed.path("cache_hit").asBoolean()).isFalse();
		assertThat(hit.path("cache_hit").asBoolean()).isTrue();
		assertThat(hit.path("cache_key").asString()).isNotEmpty();
		assertThat(hit.path("id").asString())
			.startsWith(JSON.readTree(second.body()).path("id").asString() + "_cache_hit")
			.matches(".*_cache_hit\\d+\\.\\d+");
	}

	@Test
	void redactionKeepsTheShapeAndDropsTheText() throws Exception {
		HttpResponse<String> own = GatewayHttp.post(base, key, "/v1/chat/completions",
				chat("logged", "a secret plan", ",\"turn_off_message_logging\":true"));
		JsonNode payload = s3Object(own.headers().firstValue("x-litellm-call-id").orElseThrow()).path("body");
		assertThat(payload.path("messages").toString())
			.isEqualTo("[{\"role\":\"user\",\"content\":\"redacted-by-litellm\"}]");
		assertThat(payload.path("response").path("choices").path(0).path("message").path("content").asString())
			.isEqualTo("redacted-by-litellm");
		assertThat(payload.path("completion_tokens").asLong()).isPositive();
		assertThat(payload.toString()).doesNotContain("a secret plan");

		HttpRequest byHeader = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.header("x-litellm-enable-message-redaction", "true")
			.POST(HttpRequest.BodyPublishers.ofString(chat("logged", "another secret", "")))
			.build();
		HttpResponse<String> headed = HTTP.send(byHeader, HttpResponse.BodyHandlers.ofString());
		String callId = headed.headers().firstValue("x-litellm-call-id").orElseThrow();
		assertThat(s3Object(callId).toString()).doesNotContain("another secret");
		assertThat(langfuseEvent("trace-create", callId).toString()).doesNotContain("another secret")
			.contains("redacted-by-litellm");
	}

	@Test
	void noLogLeavesNoTraceInAnyCallback() throws Exception {
		HttpResponse<String> hidden = GatewayHttp.post(base, key, "/v1/chat/completions",
				chat("logged", "off the record", ",\"no-log\":true"));
		assertThat(hidden.statusCode()).isEqualTo(200);
		String hiddenId = hidden.headers().firstValue("x-litellm-call-id").orElseThrow();
		// a call made after it is logged: by then the first would have been too
		HttpResponse<String> after = GatewayHttp.post(base, key, "/v1/chat/completions",
				chat("logged", "on the record", ""));
		s3Object(after.headers().firstValue("x-litellm-call-id").orElseThrow());
		langfuseEvent("trace-create", after.headers().firstValue("x-litellm-call-id").orElseThrow());
		assertThat(s3Objects()).noneMatch((object) -> object.toString().contains(hiddenId));
		assertThat(langfuseEvents()).noneMatch((event) -> event.toString().contains(hiddenId));
	}

	@Test
	void redactUserApiKeyInfoLeavesTheKeysDetailsOutOfLangfusesMetadata() throws Exception {
		// without the setting, Langfuse is told which key called
		HttpResponse<String> told = GatewayHttp.post(base, key, "/v1/chat/completions", chat("logged", "who?", ""));
		JsonNode toldMetadata = langfuseEvent("generation-create", callId(told)).path("metadata");
		assertThat(toldMetadata.path("user_api_key_hash").asString()).isEqualTo(KeyHashes.sha256Hex(key));
		assertThat(toldMetadata.path("user_api_key_alias").asString()).isEqualTo("logging-key");

		String alias = "redacted-key-" + UUID.randomUUID();
		String redacted = new AdminClient(operatorBase).post("/key/generate", MASTER_KEY, Map.of("key_alias", alias))
			.text("/key");
		HttpResponse<String> call = GatewayHttp.post(operatorBase, redacted, "/v1/chat/completions",
				chat("logged", "who?", ""));
		assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
		JsonNode metadata = langfuseEvent("generation-create", callId(call)).path("metadata");
		assertThat(metadata.propertyNames()).as("no user_api_key_* field")
			.isNotEmpty()
			.noneMatch((name) -> name.startsWith("user_api_key"));
		assertThat(metadata.toString()).doesNotContain(KeyHashes.sha256Hex(redacted)).doesNotContain(alias);
		assertThat(metadata.path("litellm_response_cost").isNumber()).as("the rest of the metadata stays").isTrue();
	}

	@Test
	void redactUserApiKeyInfoLeavesTheKeyAliasOutOfTheGenerationName() throws Exception {
		String alias = "redacted-name-" + UUID.randomUUID();
		String redacted = new AdminClient(operatorBase).post("/key/generate", MASTER_KEY, Map.of("key_alias", alias))
			.text("/key");
		HttpResponse<String> call = GatewayHttp.post(operatorBase, redacted, "/v1/chat/completions",
				chat("logged", "name me", ""));
		assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
		JsonNode generation = langfuseEvent("generation-create", callId(call));
		assertThat(generation.path("name").asString()).isEqualTo("litellm-acompletion");
		assertThat(generation.toString()).doesNotContain(alias);
	}

	@Test
	void withoutDynamicCallbackDisablingNoLogAndTheDisableHeaderAreIgnored() throws Exception {
		// where callers may opt out, the header keeps the call from Langfuse (S3 still
		// logs it; a call made after it reaching Langfuse shows it would have by then)
		HttpResponse<String> skipped = send(base, key, "x-litellm-disable-callbacks", "langfuse",
				chat("logged", "not for langfuse", ""));
		assertThat(skipped.statusCode()).as(skipped.body()).isEqualTo(200);
		s3Object(callId(skipped));
		langfuseEvent("trace-create",
				callId(GatewayHttp.post(base, key, "/v1/chat/completions", chat("logged", "for langfuse", ""))));
		assertThat(langfuseEvents()).noneMatch((event) -> event.toString().contains(callId(skipped)));

		// allow_dynamic_callback_disabling: false: both are logged all the same
		HttpResponse<String> noLog = GatewayHttp.post(operatorBase, MASTER_KEY, "/v1/chat/completions",
				chat("logged", "no-log asked", ",\"no-log\":true"));
		assertThat(noLog.statusCode()).as(noLog.body()).isEqualTo(200);
		HttpResponse<String> headed = send(operatorBase, MASTER_KEY, "x-litellm-disable-callbacks", "langfuse",
				chat("logged", "header asked", ""));
		assertThat(headed.statusCode()).as(headed.body()).isEqualTo(200);
		assertThat(langfuseEvent("trace-create", callId(noLog)).path("input").toString()).contains("no-log asked");
		assertThat(langfuseEvent("trace-create", callId(headed)).path("input").toString()).contains("header asked");
	}

	@Test
	void aCollectorThatIsDownOrSlowChangesNothingForTheCallerAndGetsItsEntriesLater() throws Exception {
		send("POST", "/fake/collectors/fault", "{\"target\":\"s3\",\"status\":503,\"count\":2,\"delay_ms\":0}");
		send("POST", "/fake/collectors/fault", "{\"target\":\"langfuse\",\"status\":0,\"count\":1,\"delay_ms\":3000}");
		long start = System.nanoTime();
		HttpResponse<String> call = GatewayHttp.post(base, key, "/v1/chat/completions",
				chat("logged", "while S3 is down", ""));
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(call.statusCode()).isEqualTo(200);
		assertThat(millis).as("the caller does not wait for a collector").isLessThan(2000);
		String callId = call.headers().firstValue("x-litellm-call-id").orElseThrow();
		assertThat(s3Object(callId).path("body").path("litellm_call_id").asString()).isEqualTo(callId);
		langfuseEvent("generation-create", callId);
		JsonNode faults = JSON.readTree(send("GET", "/fake/collectors/fault", null).body());
		assertThat(faults.path("s3").path("answered_with_fault").asInt()).isGreaterThanOrEqualTo(2);
		HttpResponse<String> metrics = GatewayHttp.get(base, MASTER_KEY, "/metrics");
		assertThat(metrics.body())
			.contains("litellm_callback_logging_failures_metric_total{callback_name=\"S3Logger\"}")
			.contains("litellm_callback_logs_sent_total{callback_name=\"langfuse\"}");
	}

	@Test
	void theRequestsMetadataNamesTheSessionTraceTagsAndGeneration() throws Exception {
		HttpResponse<String> call = GatewayHttp.post(base, key, "/v1/chat/completions",
				chat("logged", "with metadata",
						",\"tags\":[\"billing\"],\"metadata\":{\"session_id\":\"session-42\",\"tags\":[\"nightly\"],"
								+ "\"generation_name\":\"summarise\",\"trace_user_id\":\"user-7\"}"));
		assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
		String callId = call.headers().firstValue("x-litellm-call-id").orElseThrow();
		JsonNode payload = s3Object(callId).path("body");
		assertThat(payload.path("trace_id").asString()).as("the session is the payload's trace")
			.isEqualTo("session-42");
		assertThat(payload.path("request_tags").toString()).contains("\"billing\"", "\"nightly\"");
		assertThat(payload.path("metadata").path("requester_metadata").path("generation_name").asString())
			.isEqualTo("summarise");
		JsonNode trace = langfuseEvent("trace-create", callId);
		assertThat(trace.path("sessionId").asString()).isEqualTo("session-42");
		assertThat(trace.path("userId").asString()).isEqualTo("user-7");
		assertThat(trace.path("tags").toString()).contains("billing", "nightly");
		assertThat(langfuseEvent("generation-create", callId).path("name").asString()).isEqualTo("summarise");
	}

	@Test
	void aKeyWhoseLoggingSettingsTurnOffMessageLoggingIsRedacted() throws Exception {
		AdminClient admin = new AdminClient(base);
		String quiet = admin.post("/key/generate", MASTER_KEY,
				Map.of("key_alias", "quiet-key", "metadata",
						Map.of("logging", List.of(Map.of("callback_name", "langfuse", "callback_type", "success",
								"callback_vars", Map.of("turn_off_message_logging", true))))))
			.text("/key");
		HttpResponse<String> call = GatewayHttp.post(base, quiet, "/v1/chat/completions",
				chat("logged", "keep this private", ",\"turn_off_message_logging\":false"));
		String callId = call.headers().firstValue("x-litellm-call-id").orElseThrow();
		JsonNode object = s3Object(callId);
		assertThat(object.toString()).as("the key's setting wins over the body's, as in LiteLLM")
			.doesNotContain("keep this private")
			.contains("redacted-by-litellm");
		assertThat(object.toString()).as("the key's settings are not logged").doesNotContain("callback_vars");
	}

	@Test
	void theAnthropicRouteAndEmbeddingsCarryTheirCallTypes() throws Exception {
		HttpResponse<String> messages = GatewayHttp.post(base, key, "/v1/messages",
				"{\"model\":\"logged\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi claude\"}]}");
		assertThat(messages.statusCode()).as(messages.body()).isEqualTo(200);
		JsonNode anthropic = s3Object(messages.headers().firstValue("x-litellm-call-id").orElseThrow()).path("body");
		assertThat(anthropic.path("call_type").asString()).isEqualTo("anthropic_messages");
		assertThat(anthropic.path("messages").toString()).contains("hi claude");
		HttpResponse<String> streamed = GatewayHttp.post(base, key, "/v1/messages",
				"{\"model\":\"logged\",\"max_tokens\":20,\"stream\":true,"
						+ "\"messages\":[{\"role\":\"user\",\"content\":\"stream claude\"}]}");
		assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
		assertThat(streamed.body()).contains("event: message_stop");
		JsonNode anthropicStream = s3Object(streamed.headers().firstValue("x-litellm-call-id").orElseThrow())
			.path("body");
		assertThat(anthropicStream.path("stream").asBoolean()).isTrue();
		assertThat(anthropicStream.path("response").path("choices").path(0).path("message").path("content").asString())
			.as("the stream put back together, in OpenAI form as the pipeline relayed it")
			.isNotEmpty();

		HttpResponse<String> embedding = GatewayHttp.post(base, key, "/v1/embeddings",
				"{\"model\":\"logged-embed\",\"input\":[\"embed me\"]}");
		assertThat(embedding.statusCode()).as(embedding.body()).isEqualTo(200);
		JsonNode embedded = s3Object(embedding.headers().firstValue("x-litellm-call-id").orElseThrow()).path("body");
		assertThat(embedded.path("call_type").asString()).isEqualTo("aembedding");
		assertThat(embedded.path("messages").toString()).isEqualTo("[\"embed me\"]");
		assertThat(embedded.path("prompt_tokens").asLong()).isPositive();

		// "logged" is an openai/ deployment: the Responses API passes through whole
		HttpResponse<String> responses = GatewayHttp.post(base, key, "/v1/responses",
				"{\"model\":\"logged\",\"stream\":true,\"input\":\"respond to me\"}");
		assertThat(responses.statusCode()).as(responses.body()).isEqualTo(200);
		JsonNode responsesLog = s3Object(responses.headers().firstValue("x-litellm-call-id").orElseThrow())
			.path("body");
		assertThat(responsesLog.path("call_type").asString()).isEqualTo("aresponses");
		assertThat(responsesLog.path("response").path("output").toString())
			.as("the provider's own stream logged as its closing response")
			.contains("You said: respond to me");
		assertThat(responsesLog.path("completion_tokens").asLong()).isPositive();
	}

	@Test
	@Order(STOPS_A_GATEWAY)
	void shuttingDownSendsWhatIsQueued() throws Exception {
		ConfigurableApplicationContext other = s3Gateway("shutdown", List.of("s3_flush_interval: 3600"), "");
		String callId;
		try {
			HttpResponse<String> call = GatewayHttp.post(GatewayInstances.baseUrl(other), MASTER_KEY,
					"/v1/chat/completions", chat("logged", "the last words", ""));
			callId = call.headers().firstValue("x-litellm-call-id").orElseThrow();
			Thread.sleep(300);
			assertThat(read("/fake/s3-objects").toString()).as("an hour's interval: not sent yet")
				.doesNotContain(callId);
		}
		finally {
			other.close();
		}
		assertThat(read("/fake/s3-objects").toString()).as("sent on the way down").contains(callId);
	}

	@Test
	@Order(STOPS_A_GATEWAY)
	void batchObjectsHoldABatchOfCallsAsNewlineDelimitedJson() throws Exception {
		ConfigurableApplicationContext other = s3Gateway("batched",
				List.of("s3_path: batched", "s3_batch_objects: true", "s3_flush_interval: 1"),
				"global_disable_no_log_param: \"true\"");
		String bucket = BUCKET + "-batched";
		List<String> callIds = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				// the operator refused opt-outs: a no-log call is logged all the same
				HttpResponse<String> call = GatewayHttp.post(GatewayInstances.baseUrl(other), MASTER_KEY,
						"/v1/chat/completions", chat("logged", "batched " + i, (i == 0) ? ",\"no-log\":true" : ""));
				callIds.add(call.headers().firstValue("x-litellm-call-id").orElseThrow());
			}
			List<String> lines = new ArrayList<>();
			Eventually.within(Duration.ofSeconds(10), () -> {
				lines.clear();
				read("/fake/s3-objects").forEach((object) -> {
					if (bucket.equals(object.path("bucket").asString())) {
						assertThat(object.path("key").asString()).startsWith("batched/").endsWith(".ndjson");
						assertThat(object.path("headers").path("content-type").asString())
							.isEqualTo("application/x-ndjson");
						// the fake hands back a body of one line as the JSON it is
						JsonNode body = object.path("body");
						lines.addAll(body.isString() ? body.asString().lines().toList() : List.of(body.toString()));
					}
				});
				return lines.size() == 3;
			});
			List<String> logged = new ArrayList<>();
			for (String line : lines) {
				logged.add(JSON.readTree(line).path("litellm_call_id").asString());
			}
			assertThat(logged).containsExactlyInAnyOrderElementsOf(callIds);
		}
		finally {
			other.close();
		}
	}

	/**
	 * Another gateway, logging with the s3 callback alone to a bucket of its own
	 * ({@code BUCKET-name}).
	 * @param name its name
	 * @param params more {@code s3_callback_params}
	 * @param settings one more line of {@code litellm_settings}
	 */
	private static ConfigurableApplicationContext s3Gateway(String name, List<String> params, String settings)
			throws Exception {
		Path config = directory.resolve(name + ".yaml");
		Files.writeString(config, """
				model_list:
				  - model_name: logged
				    litellm_params: {model: "openai/logged-chat", api_base: "%1$s", api_key: k}
				litellm_settings:
				  success_callback: ["s3"]
				  s3_callback_params:
				    s3_bucket_name: %3$s
				    s3_endpoint_url: %2$s
				    s3_aws_access_key_id: AKIDLOGGING
				    s3_aws_secret_access_key: logging-secret
				    %6$s
				  %5$s
				general_settings:
				  master_key: %4$s
				""".formatted(FakeLlmServerProcess.shared().baseUrl(), collector, BUCKET + "-" + name, MASTER_KEY,
				settings, String.join("\n    ", params)));
		return GatewayInstances.startWithConfig(config, "--gateway.data-dir=" + directory.resolve(name));
	}

	private static String callId(HttpResponse<String> call) {
		return call.headers().firstValue("x-litellm-call-id").orElseThrow();
	}

	/** A chat call with one more header. */
	private static HttpResponse<String> send(String gatewayBase, String caller, String header, String value,
			String body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(gatewayBase + "/v1/chat/completions"))
			.timeout(Duration.ofSeconds(20))
			.header("Authorization", "Bearer " + caller)
			.header("Content-Type", "application/json")
			.header(header, value)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String chat(String model, String question, String extra) {
		return "{\"model\":\"" + model + "\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\""
				+ question + "\"}]" + extra + "}";
	}

	private static JsonNode s3Object(String callId) {
		return eventually(LoggingCallbacksIntegrationTests::s3Objects,
				(object) -> callId.equals(object.path("body").path("litellm_call_id").asString("")));
	}

	/** The first of what a collector received that is wanted, once it arrived. */
	private static JsonNode eventually(Supplier<List<JsonNode>> received, Predicate<JsonNode> wanted) {
		List<JsonNode> found = new ArrayList<>();
		Eventually.within(Duration.ofSeconds(15), () -> {
			found.clear();
			received.get().stream().filter(wanted).forEach(found::add);
			return !found.isEmpty();
		});
		return found.get(0);
	}

	private static List<JsonNode> s3Objects() {
		List<JsonNode> objects = new ArrayList<>();
		read("/fake/s3-objects").forEach((object) -> {
			if (BUCKET.equals(object.path("bucket").asString())) {
				objects.add(object);
			}
		});
		return objects;
	}

	private static List<JsonNode> langfuseEvents() {
		List<JsonNode> events = new ArrayList<>();
		read("/fake/langfuse").forEach((request) -> request.path("body").path("batch").forEach(events::add));
		return events;
	}

	private static JsonNode langfuseEvent(String type, String callId) {
		return eventually(LoggingCallbacksIntegrationTests::langfuseEvents,
				(event) -> type.equals(event.path("type").asString()) && callId
					.equals(event.path("body").path("traceId").asString(event.path("body").path("id").asString())))
			.path("body");
	}

	private static JsonNode langsmithRun(String callId) {
		List<JsonNode> runs = new ArrayList<>();
		return eventually(() -> {
			runs.clear();
			read("/fake/langsmith").forEach((request) -> request.path("body").path("post").forEach(runs::add));
			return runs;
		}, (run) -> callId.equals(run.path("inputs").path("litellm_call_id").asString()));
	}

	private static List<JsonNode> webhookRequests() {
		List<JsonNode> requests = new ArrayList<>();
		read("/fake/webhook").forEach((request) -> {
			if (HOOK.equals(request.path("path").asString())) {
				requests.add(request);
			}
		});
		return requests;
	}

	private static List<JsonNode> webhookBodies() {
		return webhookRequests().stream().map((request) -> request.path("body")).toList();
	}

	private static JsonNode read(String path) {
		try {
			return JSON.readTree(send("GET", path, null).body());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(collector + path))
			.timeout(Duration.ofSeconds(10));
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
