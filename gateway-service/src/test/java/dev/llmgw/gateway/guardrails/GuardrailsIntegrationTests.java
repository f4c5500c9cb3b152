package dev.llmgw.gateway.guardrails;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.llmgw.gateway.support.AdminClient;
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
 * Guardrails end to end: Bedrock guardrails through the AWS SDK against the fake's
 * ApplyGuardrail (which blocks {@code BLOCKME}, anonymises e-mail addresses and
 * {@code MASKME}, and fails or is slow when its identifier says so), and LiteLLM's
 * content filter; in each mode, on whole answers and streams, on the OpenAI and Anthropic
 * interfaces, named by the request or on by default.
 */
class GuardrailsIntegrationTests {

	private static final String MASTER_KEY = "sk-guardrails-master-0123";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	@TempDir
	static Path directory;

	static ConfigurableApplicationContext gateway;

	static String base;

	@BeforeAll
	static void start() throws Exception {
		String fake = FakeLlmServerProcess.shared().baseUrl();
		String fakeRoot = fake.replaceAll("/v1$", "");
		String aws = "aws_region_name: us-east-1, aws_access_key_id: AKIDGUARD, aws_secret_access_key: guard-secret, "
				+ "aws_bedrock_runtime_endpoint: \"" + fakeRoot + "\"";
		Path config = directory.resolve("config.yaml");
		Files.writeString(config,
				"""
						model_list:
						  - model_name: plain
						    litellm_params: {model: "openai/guard-plain-%2$s", api_base: "%1$s", api_key: k}
						    model_info: {base_model: gpt-4o-mini}
						  - model_name: echo
						    litellm_params: {model: "openai/guard-echo-%2$s;echo=1", api_base: "%1$s", api_key: k}
						  - model_name: imager
						    litellm_params: {model: "openai/dall-e-3", api_base: "%1$s", api_key: k}
						    model_info: {mode: image_generation}
						  - model_name: streamed
						    litellm_params: {model: "openai/guard-stream-%2$s;chunks=4", api_base: "%1$s", api_key: k}
						  - model_name: reranker
						    litellm_params: {model: cohere/rerank-v3.5, api_base: "%5$s", api_key: k}
						guardrails:
						  - guardrail_name: bedrock-pre
						    litellm_params: {guardrail: bedrock, mode: pre_call, guardrailIdentifier: gr-pre-%2$s, guardrailVersion: "1", %3$s}
						  - guardrail_name: bedrock-post
						    litellm_params: {guardrail: bedrock, mode: post_call, guardrailIdentifier: gr-post-%2$s, guardrailVersion: "DRAFT", %3$s}
						  - guardrail_name: bedrock-during
						    litellm_params: {guardrail: bedrock, mode: during_call, guardrailIdentifier: gr-during-%2$s, guardrailVersion: "1", %3$s}
						  - guardrail_name: bedrock-during-slow
						    litellm_params: {guardrail: bedrock, mode: during_call, guardrailIdentifier: gr-slow-during-%2$s, guardrailVersion: "1", timeout: 10, %3$s}
						  - guardrail_name: bedrock-failing
						    litellm_params: {guardrail: bedrock, mode: pre_call, guardrailIdentifier: gr-fail, guardrailVersion: "1", %3$s}
						  - guardrail_name: bedrock-failing-open
						    litellm_params: {guardrail: bedrock, mode: pre_call, guardrailIdentifier: gr-fail, guardrailVersion: "1", fail_on_error: false, %3$s}
						  - guardrail_name: bedrock-slow
						    litellm_params: {guardrail: bedrock, mode: during_call, guardrailIdentifier: gr-slow, guardrailVersion: "1", timeout: 0.5, %3$s}
						  - guardrail_name: filter
						    litellm_params:
						      guardrail: litellm_content_filter
						      mode: [pre_call, post_call]
						      patterns:
						        - {pattern_type: prebuilt, pattern_name: email, action: MASK}
						        - {pattern_type: prebuilt, pattern_name: us_ssn, action: BLOCK}
						      blocked_words:
						        - {keyword: forbidden-word, action: BLOCK, description: not here}
						  - guardrail_name: always
						    litellm_params:
						      guardrail: litellm_content_filter
						      default_on: true
						      blocked_words: [{keyword: ALWAYS-BLOCKED}]
						    guardrail_info: {owner: security}
						general_settings:
						  master_key: %4$s
						"""
					.formatted(fake, RUN, aws, MASTER_KEY, fakeRoot));
		gateway = GatewayInstances.startWithConfig(config, "--gateway.data-dir=" + directory.resolve("data"));
		base = GatewayInstances.baseUrl(gateway);
	}

	@AfterAll
	static void stop() {
		if (gateway != null) {
			gateway.close();
		}
	}

	@Test
	void aPreCallGuardrailRefusesBeforeTheProviderIsCalled() throws Exception {
		long before = calls("guard-plain-" + RUN);
		HttpResponse<String> refused = post("/v1/chat/completions", chat("plain", "please BLOCKME now", "bedrock-pre"));
		assertThat(refused.statusCode()).isEqualTo(400);
		JsonNode error = JSON.readTree(refused.body()).path("error");
		assertThat(error.path("message").asString()).isEqualTo("Violated guardrail policy");
		assertThat(error.path("code").asString()).isEqualTo("400");
		assertThat(error.at("/provider_specific_fields/guardrail_name").asString()).isEqualTo("bedrock-pre");
		assertThat(error.at("/provider_specific_fields/guardrail_mode").asString()).isEqualTo("pre_call");
		assertThat(error.at("/provider_specific_fields/bedrock_guardrail_response").asString())
			.isEqualTo("Sorry, the model cannot answer this question.");
		assertThat(error.at("/provider_specific_fields/assessments/0/topicPolicy/topics/0/action").asString())
			.isEqualTo("BLOCKED");
		assertThat(refused.headers().firstValue(Guardrails.APPLIED_HEADER)).as("the refusal stopped the rest")
			.hasValue("bedrock-pre");
		assertThat(calls("guard-plain-" + RUN)).as("no provider call").isEqualTo(before);
		assertThat(calls("guardrail:gr-pre-" + RUN + ":INPUT")).isPositive();

		HttpResponse<String> passed = post("/v1/chat/completions", chat("plain", "a fine question", "bedrock-pre"));
		assertThat(passed.statusCode()).isEqualTo(200);
		JsonNode logged = spendLog(refused).at("/metadata/guardrail_information/0");
		assertThat(logged.path("guardrail_name").asString()).isEqualTo("bedrock-pre");
		assertThat(logged.path("guardrail_mode").asString()).isEqualTo("pre_call");
		assertThat(logged.path("guardrail_status").asString()).isEqualTo("guardrail_intervened");
		assertThat(spendLog(passed).at("/metadata/guardrail_information/1/guardrail_status").asString())
			.isEqualTo("success");
		assertThat(passed.headers().firstValue(Guardrails.APPLIED_HEADER)).hasValue("bedrock-pre,always");
	}

	@Test
	void anAnonymisingGuardrailMasksThePromptBeforeTheProviderSeesIt() throws Exception {
		HttpResponse<String> response = post("/v1/chat/completions",
				chat("echo", "mail me at jane.doe@example.com, I am MASKME", "bedrock-pre"));
		assertThat(response.statusCode()).isEqualTo(200);
		String seen = JSON.readTree(response.body()).at("/choices/0/message/content").asString();
		assertThat(seen).as("what the provider was sent")
			.contains("{EMAIL}", "{NAME}")
			.doesNotContain("jane.doe@example.com", "MASKME");
	}

	@Test
	void aRerankQueryAndItsDocumentsAreCheckedAndMasked() throws Exception {
		HttpResponse<String> refused = post("/v1/rerank", "{\"model\":\"reranker\",\"query\":\"sea\","
				+ "\"documents\":[\"calm sea\",\"my ssn is 123-45-6789\"],\"guardrails\":[\"filter\"]}");
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(refused.body()).contains("Content blocked: us_ssn pattern detected");
		HttpResponse<String> masked = post("/v1/rerank", "{\"model\":\"reranker\",\"query\":\"mail\","
				+ "\"documents\":[\"write to jane.doe@example.com\",\"calm sea\"],\"guardrails\":[\"filter\"]}");
		assertThat(masked.statusCode()).as(masked.body()).isEqualTo(200);
		assertThat(masked.body()).as("the documents the provider ranked").doesNotContain("jane.doe@example.com");
	}

	@Test
	void theResponsesApiIsTranslatedSoThatItsGuardrailsReadIt() throws Exception {
		HttpResponse<String> refused = post("/v1/responses",
				"{\"model\":\"plain\",\"input\":\"please BLOCKME\",\"guardrails\":[\"bedrock-pre\"]}");
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		HttpResponse<String> masked = post("/v1/responses",
				"{\"model\":\"echo\",\"input\":\"mail jane.doe@example.com\",\"guardrails\":[\"bedrock-pre\"]}");
		assertThat(masked.statusCode()).as(masked.body()).isEqualTo(200);
		assertThat(JSON.readTree(masked.body()).at("/output/0/content/0/text").asString())
			.as("the chat request the provider was sent")
			.contains("\"messages\"", "{EMAIL}")
			.doesNotContain("jane.doe@example.com");
	}

	@Test
	void aPostCallGuardrailChecksTheAnswerWholeAndStreamed() throws Exception {
		HttpResponse<String> refused = post("/v1/chat/completions", chat("plain", "say BLOCKME", "bedrock-post"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(refused.body()).at("/error/provider_specific_fields/guardrail_mode").asString())
			.isEqualTo("post_call");
		assertThat(calls("guardrail:gr-post-" + RUN + ":OUTPUT")).as(stats()).isPositive();
		assertThat(spendLog(refused).path("spend").asDouble()).as("the provider's answer was paid for").isPositive();

		HttpResponse<String> masked = post("/v1/chat/completions",
				chat("plain", "write to bob@example.org", "bedrock-post"));
		assertThat(masked.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(masked.body()).at("/choices/0/message/content").asString())
			.isEqualTo("You said: write to {EMAIL}");

		HttpResponse<String> streamRefused = post("/v1/chat/completions",
				stream("streamed", "stream BLOCKME please", "bedrock-post"));
		assertThat(streamRefused.statusCode()).as("held whole, refused with a status").isEqualTo(400);
		assertThat(streamRefused.body()).doesNotContain("[DONE]").contains("Violated guardrail policy");

		HttpResponse<String> streamMasked = post("/v1/chat/completions",
				stream("streamed", "stream to carol@example.net", "bedrock-post"));
		assertThat(streamMasked.statusCode()).isEqualTo(200);
		assertThat(text(streamMasked.body())).isEqualTo("You said: stream to {EMAIL}");
		assertThat(streamMasked.body()).endsWith("data: [DONE]\n\n");

		HttpResponse<String> streamPassed = post("/v1/chat/completions",
				stream("streamed", "all fine", "bedrock-post"));
		assertThat(text(streamPassed.body())).isEqualTo("You said: all fine");
	}

	@Test
	void aDuringCallGuardrailHoldsTheAnswerUntilItPasses() throws Exception {
		HttpResponse<String> refused = post("/v1/chat/completions", chat("plain", "during BLOCKME", "bedrock-during"));
		assertThat(refused.statusCode()).isEqualTo(400);
		HttpResponse<String> passed = post("/v1/chat/completions", chat("plain", "during fine", "bedrock-during"));
		assertThat(passed.statusCode()).isEqualTo(200);
		HttpResponse<String> streamRefused = post("/v1/chat/completions",
				stream("streamed", "during BLOCKME", "bedrock-during"));
		assertThat(streamRefused.statusCode()).isEqualTo(400);
		HttpResponse<String> streamPassed = post("/v1/chat/completions",
				stream("streamed", "during fine", "bedrock-during"));
		assertThat(text(streamPassed.body())).isEqualTo("You said: during fine");
	}

	@Test
	void aDuringCallGuardrailRunsAlongsideTheModelCall() throws Exception {
		long before = calls("guard-plain-" + RUN);
		// the fake's guardrail takes 2 s for an identifier holding "slow"
		CompletableFuture<HttpResponse<String>> answer = CompletableFuture
			.supplyAsync(() -> post("/v1/chat/completions", chat("plain", "a slow check", "bedrock-during-slow")));
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (calls("guard-plain-" + RUN) == before && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(calls("guard-plain-" + RUN)).as("the model is called while the guardrail still checks")
			.isGreaterThan(before);
		assertThat(answer).as("and its answer held until the guardrail passes it").isNotDone();
		HttpResponse<String> passed = answer.get(20, TimeUnit.SECONDS);
		assertThat(passed.statusCode()).isEqualTo(200);
		assertThat(passed.headers().firstValue(Guardrails.APPLIED_HEADER).orElse("")).contains("bedrock-during-slow");
	}

	@Test
	void theAnthropicInterfaceGetsEveryModeStreamedOrNot() throws Exception {
		HttpResponse<String> post = post("/v1/messages", messages("plain", "say BLOCKME", "bedrock-post", false));
		assertThat(post.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(post.body()).path("type").asString()).isEqualTo("error");
		assertThat(JSON.readTree(post.body()).at("/error/message").asString()).isEqualTo("Violated guardrail policy");

		HttpResponse<String> streamRefused = post("/v1/messages",
				messages("streamed", "stream BLOCKME please", "bedrock-post", true));
		assertThat(streamRefused.statusCode()).as("held whole, refused with a status").isEqualTo(400);
		assertThat(streamRefused.body()).doesNotContain("message_stop").contains("Violated guardrail policy");

		HttpResponse<String> streamMasked = post("/v1/messages",
				messages("streamed", "stream to carol@example.net", "bedrock-post", true));
		assertThat(streamMasked.statusCode()).isEqualTo(200);
		assertThat(anthropicText(streamMasked.body())).isEqualTo("You said: stream to {EMAIL}");
		assertThat(streamMasked.body()).contains("event: message_stop").doesNotContain("carol@example.net");

		HttpResponse<String> during = post("/v1/messages",
				messages("plain", "during BLOCKME", "bedrock-during", false));
		assertThat(during.statusCode()).isEqualTo(400);
		HttpResponse<String> duringStream = post("/v1/messages",
				messages("streamed", "during BLOCKME", "bedrock-during", true));
		assertThat(duringStream.statusCode()).isEqualTo(400);
		assertThat(duringStream.body()).doesNotContain("message_stop");
		HttpResponse<String> duringFine = post("/v1/messages",
				messages("streamed", "during fine", "bedrock-during", true));
		assertThat(anthropicText(duringFine.body())).isEqualTo("You said: during fine");

		HttpResponse<String> preMasked = post("/v1/messages",
				messages("plain", "write to bob@example.org", "bedrock-pre", false));
		assertThat(preMasked.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(preMasked.body()).at("/content/0/text").asString())
			.as("the provider saw the prompt masked")
			.isEqualTo("You said: write to {EMAIL}");
	}

	@Test
	void theContentFilterMasksAndBlocksWithoutAnyService() throws Exception {
		HttpResponse<String> masked = post("/v1/chat/completions",
				chat("echo", "reach me at x.y@example.com", "filter"));
		assertThat(masked.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(masked.body()).at("/choices/0/message/content").asString())
			.contains("[EMAIL_REDACTED]")
			.doesNotContain("x.y@example.com");
		HttpResponse<String> ssn = post("/v1/chat/completions", chat("plain", "my ssn is 123-45-6789", "filter"));
		assertThat(ssn.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(ssn.body()).at("/error/message").asString())
			.isEqualTo("Content blocked: us_ssn pattern detected");
		HttpResponse<String> word = post("/v1/chat/completions", chat("plain", "the FORBIDDEN-WORD here", "filter"));
		assertThat(word.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(word.body()).at("/error/message").asString())
			.isEqualTo("Content blocked: keyword 'forbidden-word' detected (not here)");
	}

	@Test
	void aDefaultOnGuardrailRunsOnEveryCallAndUnknownNamesAreRefused() throws Exception {
		HttpResponse<String> refused = post("/v1/chat/completions",
				"{\"model\":\"plain\",\"messages\":[{\"role\":\"user\",\"content\":\"ALWAYS-BLOCKED\"}]}");
		assertThat(refused.statusCode()).isEqualTo(400);
		HttpResponse<String> unknown = post("/v1/chat/completions", chat("plain", "hi", "no-such-guardrail"));
		assertThat(unknown.statusCode()).isEqualTo(400);
		JsonNode error = JSON.readTree(unknown.body()).path("error");
		assertThat(error.path("param").asString()).isEqualTo("guardrails");
		assertThat(error.path("message").asString()).contains("no-such-guardrail");
		HttpResponse<String> inMetadata = post("/v1/chat/completions",
				"{\"model\":\"plain\",\"metadata\":{\"guardrails\":[\"bedrock-pre\"]},"
						+ "\"messages\":[{\"role\":\"user\",\"content\":\"BLOCKME\"}]}");
		assertThat(inMetadata.statusCode()).as("named in metadata").isEqualTo(400);
		HttpResponse<String> badType = post("/v1/chat/completions",
				"{\"model\":\"plain\",\"guardrails\":\"bedrock-pre\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
		assertThat(badType.statusCode()).isEqualTo(400);
	}

	@Test
	void aGuardrailThatCannotAnswerRefusesUnlessItFailsOpen() throws Exception {
		HttpResponse<String> closed = post("/v1/chat/completions", chat("plain", "hello", "bedrock-failing"));
		assertThat(closed.statusCode()).isEqualTo(503);
		assertThat(JSON.readTree(closed.body()).at("/error/message").asString()).contains("bedrock-failing");
		HttpResponse<String> open = post("/v1/chat/completions", chat("plain", "hello", "bedrock-failing-open"));
		assertThat(open.statusCode()).isEqualTo(200);
		long started = System.nanoTime();
		HttpResponse<String> slow = post("/v1/chat/completions", chat("plain", "hello", "bedrock-slow"));
		assertThat(slow.statusCode()).isEqualTo(503);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("its timeout, not the guardrail's 2 s")
			.isLessThan(Duration.ofMillis(1800));
	}

	@Test
	void anImagePromptIsCheckedLikeAChatPrompt() throws Exception {
		HttpResponse<String> refused = post("/v1/images/generations",
				"{\"model\":\"imager\",\"prompt\":\"draw ALWAYS-BLOCKED\",\"n\":1,\"size\":\"1024x1024\"}");
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		HttpResponse<String> tokens = post("/v1/embeddings",
				"{\"model\":\"plain\",\"input\":[[1,2,3]],\"guardrails\":[\"filter\"]}");
		assertThat(tokens.statusCode()).as("token ids no guardrail could read").isEqualTo(400);
	}

	@Test
	void theAnthropicInterfaceIsGuardedToo() throws Exception {
		HttpResponse<String> refused = post("/v1/messages",
				"{\"model\":\"plain\",\"max_tokens\":20,\"guardrails\":[\"bedrock-pre\"],"
						+ "\"messages\":[{\"role\":\"user\",\"content\":\"BLOCKME\"}]}");
		assertThat(refused.statusCode()).isEqualTo(400);
		JsonNode body = JSON.readTree(refused.body());
		assertThat(body.path("type").asString()).isEqualTo("error");
		assertThat(body.at("/error/message").asString()).isEqualTo("Violated guardrail policy");
		HttpResponse<String> converse = post("/v1/chat/completions",
				"{\"model\":\"plain\",\"guardrailConfig\":{\"guardrailIdentifier\":\"gr-pre-" + RUN
						+ "\",\"guardrailVersion\":\"1\"},\"messages\":[{\"role\":\"user\",\"content\":\"BLOCKME\"}]}");
		assertThat(converse.statusCode()).as("a Converse guardrailConfig runs the guardrail of that identifier")
			.isEqualTo(400);
		assertThat(JSON.readTree(converse.body()).at("/error/provider_specific_fields/guardrail_name").asString())
			.isEqualTo("bedrock-pre");
		HttpResponse<String> unknownConverse = post("/v1/chat/completions",
				"{\"model\":\"plain\",\"guardrailConfig\":{\"guardrailIdentifier\":\"not-here\",\"guardrailVersion\":\"3\"},"
						+ "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
		assertThat(unknownConverse.statusCode()).as("refused by name, not dropped").isEqualTo(400);
		assertThat(JSON.readTree(unknownConverse.body()).at("/error/message").asString()).contains("not-here");
		HttpResponse<String> legacy = post("/v1/completions",
				"{\"model\":\"plain\",\"prompt\":\"BLOCKME\",\"guardrails\":[\"bedrock-pre\"]}");
		assertThat(legacy.statusCode()).isEqualTo(400);
	}

	@Test
	void guardrailsAttachedToAKeyOrItsTeamRunOnEveryCallItMakes() throws Exception {
		AdminClient api = new AdminClient(base);
		String guarded = api.post("/key/generate", MASTER_KEY, Map.of("guardrails", List.of("bedrock-pre")))
			.text("/key");
		HttpResponse<String> refused = postWith(guarded, "/v1/chat/completions",
				"{\"model\":\"plain\",\"messages\":[{\"role\":\"user\",\"content\":\"BLOCKME\"}]}");
		assertThat(refused.statusCode()).as("not named in the request").isEqualTo(400);
		assertThat(JSON.readTree(refused.body()).at("/error/provider_specific_fields/guardrail_name").asString())
			.isEqualTo("bedrock-pre");

		String teamId = api.post("/team/new", MASTER_KEY, Map.of("guardrails", List.of("filter"))).text("/team_id");
		String member = api.post("/key/generate", MASTER_KEY, Map.of("team_id", teamId)).text("/key");
		HttpResponse<String> teamRefused = postWith(member, "/v1/chat/completions",
				"{\"model\":\"plain\",\"messages\":[{\"role\":\"user\",\"content\":\"ssn 123-45-6789\"}]}");
		assertThat(teamRefused.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(teamRefused.body()).at("/error/message").asString()).contains("us_ssn");

		String stale = api.post("/key/generate", MASTER_KEY, Map.of("guardrails", List.of("removed-guardrail")))
			.text("/key");
		HttpResponse<String> unguardable = postWith(stale, "/v1/chat/completions",
				"{\"model\":\"plain\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
		assertThat(unguardable.statusCode()).as("never served without its guardrail").isEqualTo(400);
		assertThat(JSON.readTree(unguardable.body()).at("/error/message").asString()).contains("removed-guardrail");
	}

	@Test
	void theListShowsEachGuardrailWithoutItsSecrets() throws Exception {
		HttpResponse<String> list = GatewayHttp.get(base, MASTER_KEY, "/guardrails/list");
		assertThat(list.statusCode()).isEqualTo(200);
		JsonNode guardrails = JSON.readTree(list.body()).path("guardrails");
		assertThat(guardrails).hasSize(9);
		assertThat(guardrails.get(0).path("guardrail_name").asString()).isEqualTo("bedrock-pre");
		assertThat(guardrails.get(0).at("/litellm_params/guardrail").asString()).isEqualTo("bedrock");
		assertThat(list.body()).doesNotContain("guard-secret").doesNotContain("AKIDGUARD");
		assertThat(guardrails.get(8).at("/guardrail_info/owner").asString()).isEqualTo("security");
		assertThat(list.body()).as("an admin sees the filter's words").contains("forbidden-word");
		String user = new AdminClient(base).post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		HttpResponse<String> asUser = GatewayHttp.get(base, user, "/guardrails/list");
		assertThat(asUser.statusCode()).isEqualTo(200);
		assertThat(asUser.body()).as("a caller does not").doesNotContain("forbidden-word").doesNotContain("us_ssn");
	}

	private static String text(String sse) throws Exception {
		StringBuilder text = new StringBuilder();
		for (String line : sse.split("\n")) {
			if (line.startsWith("data: {")) {
				JsonNode chunk = JSON.readTree(line.substring(6));
				for (JsonNode choice : chunk.path("choices")) {
					text.append(choice.at("/delta/content").asString(""));
				}
			}
		}
		return text.toString();
	}

	private static String anthropicText(String sse) throws Exception {
		StringBuilder text = new StringBuilder();
		for (String line : sse.split("\n")) {
			if (line.startsWith("data: {")) {
				JsonNode event = JSON.readTree(line.substring(6));
				if ("content_block_delta".equals(event.path("type").asString(""))) {
					text.append(event.at("/delta/text").asString(""));
				}
			}
		}
		return text.toString();
	}

	private static String messages(String model, String content, String guardrail, boolean stream) {
		return "{\"model\":\"" + model + "\",\"max_tokens\":50,\"stream\":" + stream + ",\"guardrails\":[\"" + guardrail
				+ "\"],\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
	}

	private static String chat(String model, String content, String guardrail) {
		return "{\"model\":\"" + model + "\",\"guardrails\":[\"" + guardrail + "\"],"
				+ "\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
	}

	private static String stream(String model, String content, String guardrail) {
		return "{\"model\":\"" + model + "\",\"stream\":true,\"guardrails\":[\"" + guardrail + "\"],"
				+ "\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
	}

	private static JsonNode spendLog(HttpResponse<String> response) {
		return GatewayHttp.spendLog(base, MASTER_KEY, response);
	}

	private static long calls(String model) {
		return GatewayHttp.fakeCalls(model);
	}

	private static String stats() {
		return GatewayHttp.fakeStats().toString();
	}

	private static HttpResponse<String> post(String path, String body) {
		return postWith(MASTER_KEY, path, body);
	}

	private static HttpResponse<String> postWith(String key, String path, String body) {
		return GatewayHttp.post(base, key, path, body);
	}

}
