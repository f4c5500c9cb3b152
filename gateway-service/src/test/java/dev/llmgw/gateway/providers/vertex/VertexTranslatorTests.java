package dev.llmgw.gateway.providers.vertex;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.llmgw.gateway.support.SettableClock;
import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.RateLimitError;
import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.EmbeddingCall;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.ProviderHttp;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.providers.UpstreamClient;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.support.Fixtures;
import dev.llmgw.gateway.support.HttpStub;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.EmbeddingRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Vertex AI adapter through the real HTTP exchange against a stub that plays both
 * Google's token endpoint and Vertex AI: the Gemini and Anthropic golden files hold for
 * Vertex AI too (the same translators, the Vertex URL, a Bearer token, Claude's body
 * without its model and with Vertex's version); the service account's JWT is what
 * Google's libraries send; the token is fetched once, shared by concurrent calls, renewed
 * before it expires and dropped when Vertex AI refuses it.
 */
class VertexTranslatorTests {

	static final Fixtures GEMINI = new Fixtures("openai-gemini");

	static final Fixtures ANTHROPIC = new Fixtures("openai-anthropic");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String PUBLISHERS = "/v1/projects/my-project/locations/europe-west4/publishers/";

	static HttpStub stub;

	static UpstreamClient client;

	static SettableClock clock;

	static VertexProvider provider;

	static ModelRegistry models;

	static TestServiceAccount account;

	static int tokensIssued;

	@BeforeAll
	static void start(@TempDir Path dir) {
		stub = new HttpStub();
		client = new UpstreamClient(Duration.ofSeconds(5), 10, Duration.ofSeconds(30));
		clock = new SettableClock(Instant.now());
		provider = new VertexProvider(new ProviderHttp(client), JSON, clock);
		account = TestServiceAccount.generate("gateway@my-project.iam.gserviceaccount.com", stub.url() + "/token",
				"my-project");
		Path file = account.write(dir);
		Path otherFile = TestServiceAccount
			.generate("other@my-project.iam.gserviceaccount.com", stub.url() + "/token", null)
			.write(dir);
		models = new ModelRegistry(new ConfigLoader(EnvironmentLookup.of(Map.of())).parse("""
				model_list:
				  - model_name: flash
				    litellm_params: &vertex
				      model: vertex_ai/gemini-2.5-flash
				      api_base: "%1$s"
				      vertex_location: europe-west4
				      vertex_credentials: "%2$s"
				  - model_name: claude
				    litellm_params: {<<: *vertex, model: vertex_ai/claude-3-5-sonnet-20241022}
				  - model_name: embed
				    litellm_params: {<<: *vertex, model: vertex_ai/text-embedding-004}
				  - model_name: proxied
				    litellm_params:
				      <<: *vertex
				      api_base: "%1$s/proxy/v1/projects/p/locations/l/publishers/google/models/gemini-2.5-flash"
				  - model_name: other-account
				    litellm_params: {<<: *vertex, vertex_credentials: "%3$s", vertex_project: other-project}
				""".formatted(stub.url(), file, otherFile), "test"));
	}

	@AfterAll
	static void stop() {
		client.dispose();
		stub.close();
	}

	@BeforeEach
	void issueTokens() {
		tokensIssued++;
		stub.answer("/token", HttpStub.Answer.json(200,
				"{\"access_token\":\"ya29.test-" + tokensIssued + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}"));
	}

	@Test
	void geminiGoesToGenerateContentWithGeminisOwnTranslation() {
		stub.answer(HttpStub.Answer.json(200, GEMINI.read("text.response.json")));
		ChatResult result = provider.complete(call("flash", GEMINI.read("text.input.json"))).block();
		assertThat(stub.lastPath()).isEqualTo(PUBLISHERS + "google/models/gemini-2.5-flash:generateContent");
		assertThat(stub.lastHeader("Authorization")).startsWith("Bearer ya29.test-");
		assertThat(stub.lastHeader("x-goog-api-key")).isNull();
		assertThat(JSON.readTree(stub.lastBody())).isEqualTo(GEMINI.json("text.request.json"));
		ObjectNode body = (ObjectNode) JSON.readTree(result.body());
		body.remove("created");
		assertThat(body).isEqualTo(GEMINI.json("text.expected.json"));
	}

	@Test
	void claudeGoesToRawPredictWithTheModelInThePathAndVertexsVersionInTheBody() {
		stub.answer(HttpStub.Answer.json(200, ANTHROPIC.read("text.response.json")));
		ChatResult result = provider.complete(call("claude", ANTHROPIC.read("text.input.json"))).block();
		assertThat(stub.lastPath()).isEqualTo(PUBLISHERS + "anthropic/models/claude-3-5-sonnet-20241022:rawPredict");
		ObjectNode expected = (ObjectNode) ANTHROPIC.json("text.request.json");
		expected.remove("model");
		expected.put("anthropic_version", "vertex-2023-10-16");
		assertThat(JSON.readTree(stub.lastBody())).isEqualTo(expected);
		ObjectNode body = (ObjectNode) JSON.readTree(result.body());
		body.remove("created");
		assertThat(body).isEqualTo(ANTHROPIC.json("text.expected.json"));
		assertThat(result.usage().totalTokens()).isEqualTo(body.at("/usage/total_tokens").asLong());
	}

	@Test
	void streamsGeminiAsServerSentEventsAndClaudeWithStreamRawPredict() {
		stub.answer(HttpStub.Answer.sse(List.of("""
				data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Ro"}]}}]}""", """
				data: {"candidates":[{"content":{"role":"model","parts":[{"text":"me."}]},"finishReason":"STOP"}],\
				"usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":2,"totalTokenCount":6}}""")));
		StreamTally tally = new StreamTally();
		List<String> frames = stream("flash", tally);
		assertThat(stub.lastPath())
			.isEqualTo(PUBLISHERS + "google/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
		assertThat(frames).hasSize(4).last().isEqualTo("data: [DONE]\n\n");
		assertThat(String.join("", frames)).contains("\"content\":\"Ro\"").contains("\"content\":\"me.\"");
		assertThat(tally.usage().totalTokens()).isEqualTo(6);

		stub.answer(HttpStub.Answer.sse(ANTHROPIC.read("stream-tools.sse")));
		List<String> claude = stream("claude", new StreamTally());
		assertThat(stub.lastPath())
			.isEqualTo(PUBLISHERS + "anthropic/models/claude-3-5-sonnet-20241022:streamRawPredict");
		assertThat(JSON.readTree(stub.lastBody()).path("stream").asBoolean()).isTrue();
		assertThat(JSON.readTree(stub.lastBody()).has("model")).isFalse();
		assertThat(claude).last().isEqualTo("data: [DONE]\n\n");
		assertThat(String.join("", claude)).contains("\"tool_calls\"");
	}

	@Test
	void embedsWithPredictAndTheModelsOwnTokenCounts() {
		stub.answer(HttpStub.Answer.json(200, """
				{"predictions": [
				  {"embeddings": {"statistics": {"token_count": 4, "truncated": false}, "values": [0.1, 0.2]}},
				  {"embeddings": {"statistics": {"token_count": 1, "truncated": false}, "values": [0.3, 0.4]}}],
				 "metadata": {"billableCharacterCount": 20}}"""));
		EmbeddingRequest request = JSON.readValue("""
				{"model": "embed", "input": ["the quick brown fox", "jumps"], "dimensions": 2,
				 "task_type": "RETRIEVAL_DOCUMENT"}""", EmbeddingRequest.class);
		ChatResult result = provider.embed(new EmbeddingCall(deployment("embed"), request, "call-1")).block();
		assertThat(stub.lastPath()).isEqualTo(PUBLISHERS + "google/models/text-embedding-004:predict");
		assertThat(JSON.readTree(stub.lastBody())).isEqualTo(JSON.readTree("""
				{"instances": [{"content": "the quick brown fox", "task_type": "RETRIEVAL_DOCUMENT"},
				  {"content": "jumps", "task_type": "RETRIEVAL_DOCUMENT"}],
				 "parameters": {"outputDimensionality": 2}}"""));
		assertThat(JSON.readTree(result.body())).isEqualTo(JSON.readTree("""
				{"object": "list", "data": [{"object": "embedding", "index": 0, "embedding": [0.1, 0.2]},
				  {"object": "embedding", "index": 1, "embedding": [0.3, 0.4]}],
				 "model": "text-embedding-004", "usage": {"prompt_tokens": 5, "total_tokens": 5}}"""));
		assertThat(result.usage().promptTokens()).isEqualTo(5);
	}

	@Test
	void anApiBaseWithAPathIsTheWholeUrlUpToTheModel() {
		stub.answer(HttpStub.Answer.json(200, GEMINI.read("text.response.json")));
		provider.complete(call("proxied", GEMINI.read("text.input.json"))).block();
		assertThat(stub.lastPath())
			.isEqualTo("/proxy/v1/projects/p/locations/l/publishers/google/models/gemini-2.5-flash:generateContent");
		stub.answer(HttpStub.Answer.sse(List.of("data: {\"candidates\":[{\"finishReason\":\"STOP\"}]}")));
		stream("proxied", new StreamTally());
		assertThat(stub.lastPath()).isEqualTo(
				"/proxy/v1/projects/p/locations/l/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
	}

	@Test
	void theAssertionIsTheServiceAccountsSignedJwt() throws Exception {
		clock.advance(Duration.ofHours(2));
		stub.answer(HttpStub.Answer.json(200, GEMINI.read("text.response.json")));
		provider.complete(call("flash", GEMINI.read("text.input.json"))).block();
		Map<String, String> form = form(stub.lastBody("/token"));
		assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
		SignedJWT jwt = SignedJWT.parse(form.get("assertion"));
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(account.keyId());
		assertThat(jwt.verify(new RSASSAVerifier(account.publicKey()))).isTrue();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(account.clientEmail());
		assertThat(claims.getAudience()).containsExactly(stub.url() + "/token");
		assertThat(claims.getStringClaim("scope")).isEqualTo("https://www.googleapis.com/auth/cloud-platform");
		assertThat(claims.getIssueTime().toInstant())
			.isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
		assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
			.isEqualTo(Duration.ofHours(1));
	}

	@Test
	void oneTokenServesConcurrentCallsUntilShortlyBeforeItExpires() {
		clock.advance(Duration.ofHours(2));
		stub.answer(HttpStub.Answer.json(200, GEMINI.read("text.response.json")));
		int before = stub.count("/token");
		Flux.range(0, 8)
			.flatMap((i) -> provider.complete(call("flash", GEMINI.read("text.input.json"))))
			.collectList()
			.block();
		provider.complete(call("claude", GEMINI.read("text.input.json"))).onErrorComplete().block();
		assertThat(stub.count("/token") - before).as("one token for nine calls of one account").isEqualTo(1);
		String token = stub.lastHeader("Authorization");
		clock.advance(Duration.ofMinutes(54));
		provider.complete(call("flash", GEMINI.read("text.input.json"))).block();
		assertThat(stub.count("/token") - before).as("still fresh at 54 minutes").isEqualTo(1);
		assertThat(stub.lastHeader("Authorization")).isEqualTo(token);
		clock.advance(Duration.ofMinutes(1));
		issueTokens();
		provider.complete(call("flash", GEMINI.read("text.input.json"))).block();
		assertThat(stub.count("/token") - before).as("renewed five minutes before it expires").isEqualTo(2);
		assertThat(stub.lastHeader("Authorization")).isNotEqualTo(token);
	}

	@Test
	void aTokenVertexRefusesIsDroppedAndTheNextCallFetchesAnother() {
		clock.advance(Duration.ofHours(2));
		stub.answer(HttpStub.Answer.json(200, GEMINI.read("text.response.json")));
		provider.complete(call("flash", GEMINI.read("text.input.json"))).block();
		int before = stub.count("/token");
		stub.answer(HttpStub.Answer.json(401, GEMINI.read("error-unauthenticated.json")));
		AuthenticationError refused = catchThrowableOfType(AuthenticationError.class,
				() -> provider.complete(call("flash", GEMINI.read("text.input.json"))).block());
		assertThat(refused.getMessage()).startsWith("litellm.AuthenticationError: VertexAIException - ");
		stub.answer(HttpStub.Answer.json(200, GEMINI.read("text.response.json")));
		provider.complete(call("flash", GEMINI.read("text.input.json"))).block();
		assertThat(stub.count("/token") - before).isEqualTo(1);
	}

	@Test
	void aRefusedAssertionIsAnAuthenticationErrorNamingTheAccountNeverTheKey() {
		clock.advance(Duration.ofHours(2));
		stub.answer("/token", HttpStub.Answer.json(400,
				"{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}"));
		AuthenticationError error = catchThrowableOfType(AuthenticationError.class,
				() -> provider.complete(call("flash", GEMINI.read("text.input.json"))).block());
		assertThat(error.status()).isEqualTo(401);
		assertThat(error.getMessage()).startsWith("litellm.AuthenticationError: VertexAIException - ")
			.contains(account.clientEmail())
			.contains(account.keyId())
			.contains("model_list[0].litellm_params.vertex_credentials")
			.contains("invalid_grant: Invalid JWT Signature.")
			.doesNotContain("PRIVATE KEY")
			.doesNotContain(account.privateKeyBase64().substring(100, 140));
	}

	@Test
	void vertexErrorsReadGooglesShapeAndClaudesErrorsAnthropics() {
		stub.answer(HttpStub.Answer.json(429, GEMINI.read("error-rate-limit.json")));
		RateLimitError throttled = catchThrowableOfType(RateLimitError.class,
				() -> provider.complete(call("flash", GEMINI.read("text.input.json"))).block());
		assertThat(throttled.getMessage()).startsWith("litellm.RateLimitError: VertexAIException - ");
		stub.answer(HttpStub.Answer.json(529,
				"{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
		GatewayError overloaded = catchThrowableOfType(GatewayError.class,
				() -> provider.complete(call("claude", ANTHROPIC.read("text.input.json"))).block());
		assertThat(overloaded).isInstanceOf(UpstreamError.class);
		assertThat(overloaded.status()).isEqualTo(503);
		assertThat(overloaded.getMessage()).contains("AnthropicException - Overloaded");
	}

	@Test
	void eachAccountHasItsOwnTokenAndProject() {
		clock.advance(Duration.ofHours(2));
		stub.answer(HttpStub.Answer.json(200, GEMINI.read("text.response.json")));
		int before = stub.count("/token");
		provider.complete(call("flash", GEMINI.read("text.input.json"))).block();
		provider.complete(call("other-account", GEMINI.read("text.input.json"))).block();
		assertThat(stub.lastPath()).startsWith("/v1/projects/other-project/locations/europe-west4/");
		assertThat(stub.count("/token") - before).isEqualTo(2);
	}

	private static List<String> stream(String model, StreamTally tally) {
		return provider
			.stream(call(model,
					"{\"model\":\"" + model
							+ "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"),
					tally)
			.map((frame) -> new String(frame, StandardCharsets.UTF_8))
			.collectList()
			.block();
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new HashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return form;
	}

	static ProviderCall call(String model, String json) {
		return new ProviderCall(deployment(model), JSON.readValue(json, ChatCompletionRequest.class), "call-1");
	}

	static Deployment deployment(String model) {
		return models.find(model).deployments().get(0);
	}

}
