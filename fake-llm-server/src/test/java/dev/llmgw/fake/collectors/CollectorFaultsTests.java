package dev.llmgw.fake.collectors;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class CollectorFaultsTests {

	private static final String LANGFUSE_AUTH = "Basic "
			+ Base64.getEncoder().encodeToString("pk-lf-test:sk-lf-test".getBytes(StandardCharsets.UTF_8));

	private static final String LANGFUSE_BATCH = "{\"batch\":[{\"id\":\"e1\",\"timestamp\":\"2026-01-01T00:00:00Z\","
			+ "\"type\":\"trace-create\",\"body\":{}}]}";

	private static final String LANGSMITH_BATCH = "{\"post\":[{\"id\":\"r1\",\"name\":\"n\",\"run_type\":\"llm\"}]}";

	private final TestServer server = TestServer.start();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void answersTheNextUploadsWithTheStatusStoringNothingThenRecovers() {
		fault("{\"target\":\"langfuse\",\"status\":503,\"count\":2}");
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> failed = langfuse();
			assertThat(failed.statusCode()).isEqualTo(503);
			assertThat(TestServer.json(failed.body()).path("message").asString()).contains("503");
		}
		assertThat(TestServer.json(this.server.get("/fake/langfuse").body())).isEmpty();
		assertThat(langfuse().statusCode()).isEqualTo(207);
		assertThat(TestServer.json(this.server.get("/fake/langfuse").body())).hasSize(1);
		JsonNode faults = faults();
		assertThat(faults.path("langfuse").path("remaining").asLong()).isZero();
		assertThat(faults.path("langfuse").path("answered_with_fault").asLong()).isEqualTo(2);
	}

	@Test
	void faultsOnlyTheirTargetAndNeverTheControlRoutes() {
		fault("{\"target\":\"langsmith\",\"status\":500,\"count\":-1}");
		HttpResponse<String> failed = this.server.post(LangSmithRuns.PATH, LANGSMITH_BATCH, "x-api-key", "ls-test-key");
		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(TestServer.json(failed.body()).path("detail").asString()).contains("500");
		assertThat(this.server.get("/fake/langsmith").statusCode()).isEqualTo(200);
		assertThat(this.server.delete("/fake/langsmith").statusCode()).isEqualTo(204);
		assertThat(langfuse().statusCode()).isEqualTo(207);
		assertThat(this.server.post("/fake/webhook/x", "{}").statusCode()).isEqualTo(200);
		assertThat(faults().path("langsmith").path("remaining").asLong()).isEqualTo(-1);
		assertThat(faults().path("langsmith").path("answered_with_fault").asLong()).isEqualTo(1);
		assertThat(faults().path("webhook").path("answered_with_fault").asLong()).isZero();
	}

	@Test
	void aWebhookFaultIsAJsonError() {
		fault("{\"target\":\"webhook\",\"status\":429,\"count\":1}");
		HttpResponse<String> failed = this.server.post("/fake/webhook/a", "{}");
		assertThat(failed.statusCode()).isEqualTo(429);
		assertThat(TestServer.json(failed.body()).path("status").asString()).isEqualTo("error");
		assertThat(TestServer.json(this.server.get("/fake/webhook").body())).isEmpty();
	}

	@Test
	void deleteClearsEveryFaultAndCount() {
		fault("{\"target\":\"webhook\",\"status\":500,\"count\":-1}");
		fault("{\"target\":\"langfuse\",\"status\":500,\"count\":-1}");
		assertThat(this.server.post("/fake/webhook/a", "{}").statusCode()).isEqualTo(500);
		assertThat(this.server.delete("/fake/collectors/fault").statusCode()).isEqualTo(204);
		assertThat(this.server.post("/fake/webhook/a", "{}").statusCode()).isEqualTo(200);
		assertThat(langfuse().statusCode()).isEqualTo(207);
		JsonNode faults = faults();
		for (String target : new String[] { "s3", "langfuse", "langsmith", "webhook" }) {
			assertThat(faults.path(target).path("remaining").asLong()).as(target).isZero();
			assertThat(faults.path(target).path("answered_with_fault").asLong()).as(target).isZero();
		}
	}

	@Test
	void aDelayOnlyFaultAnswersNormallyLateWithoutHoldingUpOtherRequests() throws Exception {
		fault("{\"target\":\"webhook\",\"status\":0,\"count\":1,\"delay_ms\":600}");
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		long start = System.nanoTime();
		CompletableFuture<HttpResponse<String>> slow = client
			.sendAsync(HttpRequest.newBuilder(URI.create(this.server.server().baseUrl() + "/fake/webhook/slow"))
				.POST(HttpRequest.BodyPublishers.ofString("{\"slow\":true}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		// the event loops stay free while the slow answer waits
		for (int i = 0; i < 5; i++) {
			assertThat(this.server.get("/health").statusCode()).isEqualTo(200);
		}
		assertThat(slow.isDone()).isFalse();
		HttpResponse<String> reply = slow.get();
		long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
		assertThat(reply.statusCode()).isEqualTo(200);
		assertThat(elapsedMillis).isGreaterThanOrEqualTo(600);
		assertThat(
				TestServer.json(this.server.get("/fake/webhook").body()).get(0).path("body").path("slow").asBoolean())
			.isTrue();
		assertThat(faults().path("webhook").path("answered_with_fault").asLong()).isEqualTo(1);
	}

	@Test
	void aDelayedErrorWaitsToo() {
		fault("{\"target\":\"langfuse\",\"status\":502,\"count\":1,\"delay_ms\":300}");
		long start = System.nanoTime();
		assertThat(langfuse().statusCode()).isEqualTo(502);
		assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
	}

	@Test
	void refusesAFaultItCannotApply() {
		String[] faults = { "nope", "{}", "{\"target\":\"kafka\"}", "{\"target\":\"s3\",\"status\":42}",
				"{\"target\":\"s3\",\"count\":-2}", "{\"target\":\"s3\",\"delay_ms\":-1}" };
		for (String fault : faults) {
			HttpResponse<String> reply = this.server.post("/fake/collectors/fault", fault);
			assertThat(reply.statusCode()).as(fault).isEqualTo(400);
			assertThat(TestServer.json(reply.body()).path("message").isString()).as(fault).isTrue();
		}
		assertThat(faults().path("s3").path("remaining").asLong()).isZero();
	}

	@Test
	void aFaultDefaultsToOne503() {
		HttpResponse<String> reply = this.server.post("/fake/collectors/fault", "{\"target\":\"langsmith\"}");
		assertThat(reply.statusCode()).isEqualTo(200);
		assertThat(TestServer.json(reply.body()).path("langsmith").path("remaining").asLong()).isEqualTo(1);
		assertThat(this.server.post(LangSmithRuns.PATH, LANGSMITH_BATCH, "x-api-key", "ls-test-key").statusCode())
			.isEqualTo(503);
		assertThat(this.server.post(LangSmithRuns.PATH, LANGSMITH_BATCH, "x-api-key", "ls-test-key").statusCode())
			.isEqualTo(202);
	}

	private HttpResponse<String> langfuse() {
		return this.server.post(LangfuseIngestion.PATH, LANGFUSE_BATCH, "Authorization", LANGFUSE_AUTH);
	}

	private void fault(String json) {
		assertThat(this.server.post("/fake/collectors/fault", json).statusCode()).isEqualTo(200);
	}

	private JsonNode faults() {
		HttpResponse<String> response = this.server.get("/fake/collectors/fault");
		assertThat(response.statusCode()).isEqualTo(200);
		return TestServer.json(response.body());
	}

}
