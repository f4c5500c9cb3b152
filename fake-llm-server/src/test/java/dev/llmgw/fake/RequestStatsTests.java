package dev.llmgw.fake;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class RequestStatsTests {

	private static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

	private TestServer server;

	@BeforeEach
	void start() {
		this.server = TestServer.start();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void countsProviderRequestsByPathAndModel() {
		this.server.post("/v1/chat/completions", CHAT.formatted("fake-model"));
		this.server.post("/v1/chat/completions", CHAT.formatted("fake-model;error=500"));
		this.server.post("/openai/deployments/d1/chat/completions?api-version=1", "{\"messages\":[]}");
		this.server.get("/v1/models");
		this.server.get("/health");
		JsonNode stats = stats();
		assertThat(stats.path("requests").asLong()).isEqualTo(4);
		assertThat(stats.path("by_path").path("/v1/chat/completions").asLong()).isEqualTo(2);
		assertThat(stats.path("by_path").path("/openai/deployments/d1/chat/completions").asLong()).isEqualTo(1);
		assertThat(stats.path("by_path").path("/v1/models").asLong()).isEqualTo(1);
		assertThat(stats.path("by_path").has("/health")).isFalse();
		assertThat(stats.path("by_model").path("fake-model").asLong()).isEqualTo(1);
		assertThat(stats.path("by_model").path("fake-model;error=500").asLong()).isEqualTo(1);
		assertThat(stats.path("by_model").path("d1").asLong()).isEqualTo(1);
	}

	@Test
	void countsLogCollectorUploads() {
		this.server.post("/api/public/ingestion", "{\"batch\":[]}");
		this.server.post("/api/v1/runs/batch", "{\"post\":[]}");
		this.server.post("/fake/webhook/team-a", "{}");
		this.server.put("/logs/a.json", "{}", "Authorization",
				"AWS4-HMAC-SHA256 Credential=AKIDLOGS/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, "
						+ "Signature=00");
		this.server.get("/fake/webhook");
		JsonNode stats = stats();
		assertThat(stats.path("requests").asLong()).isEqualTo(4);
		assertThat(stats.path("by_path").path("/api/public/ingestion").asLong()).isEqualTo(1);
		assertThat(stats.path("by_path").path("/api/v1/runs/batch").asLong()).isEqualTo(1);
		assertThat(stats.path("by_path").path("/fake/webhook/team-a").asLong()).isEqualTo(1);
		assertThat(stats.path("by_path").path("s3").asLong()).isEqualTo(1);
		assertThat(stats.path("by_access_key").path("AKIDLOGS").asLong()).isEqualTo(1);
	}

	@Test
	void resetZeroesTheCounters() {
		this.server.post("/v1/chat/completions", CHAT.formatted("fake-model"));
		HttpResponse<String> reset = this.server.post("/fake/reset", "");
		assertThat(reset.statusCode()).isEqualTo(200);
		JsonNode stats = stats();
		assertThat(stats.path("requests").asLong()).isZero();
		assertThat(stats.path("by_path").isEmpty()).isTrue();
		assertThat(stats.path("by_model").isEmpty()).isTrue();
	}

	@Test
	void resetAlsoRestartsFailTimes() {
		String model = "fake-model;error=500;fail_times=1";
		assertThat(this.server.post("/v1/chat/completions", CHAT.formatted(model)).statusCode()).isEqualTo(500);
		assertThat(this.server.post("/v1/chat/completions", CHAT.formatted(model)).statusCode()).isEqualTo(200);
		this.server.post("/fake/reset", "");
		assertThat(this.server.post("/v1/chat/completions", CHAT.formatted(model)).statusCode()).isEqualTo(500);
	}

	private JsonNode stats() {
		HttpResponse<String> response = this.server.get("/fake/stats");
		assertThat(response.statusCode()).isEqualTo(200);
		return TestServer.json(response.body());
	}

}
