package dev.llmgw.gateway.providers.vertex;

import java.util.Map;

import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.routing.ModelRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Vertex AI's URLs: regional and global hosts, tuned models' endpoints, api_base. */
class VertexEndpointTests {

	@Test
	void regionalAndGlobalHosts() {
		assertThat(url("vertex_ai/gemini-2.0-flash", null, "us-east5", "google", "generateContent", false))
			.isEqualTo("https://us-east5-aiplatform.googleapis.com/v1/projects/p/locations/us-east5/publishers/google/"
					+ "models/gemini-2.0-flash:generateContent");
		assertThat(url("vertex_ai/gemini-2.0-flash", null, "global", "google", "streamGenerateContent", true))
			.isEqualTo("https://aiplatform.googleapis.com/v1/projects/p/locations/global/publishers/google/"
					+ "models/gemini-2.0-flash:streamGenerateContent?alt=sse");
		assertThat(url("vertex_ai/claude-sonnet-4@20250514", null, "us-east5", "anthropic", "streamRawPredict", true))
			.isEqualTo("https://us-east5-aiplatform.googleapis.com/v1/projects/p/locations/us-east5/publishers/"
					+ "anthropic/models/claude-sonnet-4@20250514:streamRawPredict");
	}

	@Test
	void aNumericModelIsATunedModelsEndpoint() {
		assertThat(url("vertex_ai/4965075652664360960", null, "us-central1", "google", "generateContent", false))
			.isEqualTo("https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/endpoints/"
					+ "4965075652664360960:generateContent");
	}

	@Test
	void anApiBaseIsAHostOrTheWholeUrlUpToTheModel() {
		assertThat(url("vertex_ai/gemini-2.0-flash", "http://127.0.0.1:8080/", "us-central1", "google",
				"generateContent", false))
			.isEqualTo("http://127.0.0.1:8080/v1/projects/p/locations/us-central1/publishers/google/models/"
					+ "gemini-2.0-flash:generateContent");
		assertThat(url("vertex_ai/claude-3-5-haiku", "https://proxy.example/vertex/claude", "us-central1", "anthropic",
				"streamRawPredict", true))
			.isEqualTo("https://proxy.example/vertex/claude:streamRawPredict?alt=sse");
	}

	private static String url(String model, String apiBase, String location, String publisher, String method,
			boolean stream) {
		String yaml = "model_list:\n  - model_name: m\n    litellm_params: {model: \"" + model
				+ "\", vertex_project: p, vertex_location: " + location
				+ ((apiBase != null) ? ", api_base: \"" + apiBase + "\"" : "") + "}\n";
		Deployment deployment = new ModelRegistry(new ConfigLoader(EnvironmentLookup.of(Map.of())).parse(yaml, "test"))
			.find("m")
			.deployments()
			.get(0);
		ServiceAccount nobody = new ServiceAccount("a@b", null, null, "https://t", null, "test");
		return VertexEndpoint.url(deployment, new VertexTarget("p", location, nobody), publisher, method, stream);
	}

}
