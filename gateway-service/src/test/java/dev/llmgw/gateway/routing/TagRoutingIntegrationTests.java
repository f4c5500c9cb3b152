package dev.llmgw.gateway.routing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayInstances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tag-based routing as LiteLLM's: deployment tags, request tags from the body, its
 * metadata and the x-litellm-tags header, the default tag and the 401 when tags leave no
 * deployment; with {@code tag_filtering_match_any: false}, every tag of the request.
 */
class TagRoutingIntegrationTests {

	@TempDir
	static Path dir;

	private static ConfigurableApplicationContext gateway;

	/** With {@code tag_filtering_match_any: false}. */
	private static ConfigurableApplicationContext allTags;

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private static final String MODELS = """
			model_list:
			  - model_name: tagged
			    litellm_params: {model: openai/free, api_base: "%1$s", api_key: k, tags: [free]}
			    model_info: {id: free}
			  - model_name: tagged
			    litellm_params: {model: openai/paid, api_base: "%1$s", api_key: k, tags: [paid, fast]}
			    model_info: {id: paid}
			  - model_name: tagged
			    litellm_params: {model: openai/fallback, api_base: "%1$s", api_key: k, tags: [default]}
			    model_info: {id: dflt}
			  - model_name: strict
			    litellm_params: {model: openai/strict, api_base: "%1$s", api_key: k, tags: [paid]}
			""";

	@BeforeAll
	static void start() throws Exception {
		gateway = start("config.yaml", """
				router_settings:
				  enable_tag_filtering: true
				""");
		// started and stopped with the other: gateways started by GatewayInstances share
		// Reactor Netty's global resources, so stopping one stops the other's server
		// too
		allTags = start("match-all.yaml", """
				router_settings:
				  enable_tag_filtering: true
				  tag_filtering_match_any: false
				""");
	}

	@AfterAll
	static void stop() {
		gateway.close();
		if (allTags != null) {
			allTags.close();
		}
	}

	@Test
	void requestTagsChooseTheDeploymentsThatCarryThem() throws Exception {
		for (int i = 0; i < 10; i++) {
			assertThat(deployment(call("tagged", "\"tags\":[\"paid\"],", null))).isEqualTo("paid");
			assertThat(deployment(call("tagged", "\"metadata\":{\"tags\":[\"free\"]},", null))).isEqualTo("free");
			assertThat(deployment(call("tagged", "", "free"))).as("the x-litellm-tags header").isEqualTo("free");
		}
	}

	@Test
	void untaggedOrUnmatchedRequestsGoToTheDefaultDeployments() throws Exception {
		for (int i = 0; i < 10; i++) {
			assertThat(deployment(call("tagged", "", null))).isEqualTo("dflt");
			assertThat(deployment(call("tagged", "\"tags\":[\"gold\"],", null))).isEqualTo("dflt");
		}
	}

	@Test
	void tagsThatLeaveNoDeploymentAreRefusedAsLiteLlmRefusesThem() throws Exception {
		HttpResponse<String> refused = call("strict", "\"tags\":[\"free\"],", null);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.body())
			.contains("Not allowed to access model due to tags configuration. Passed model=strict and tags=['free']");
		assertThat(call("strict", "", null).statusCode()).as("no tags: every deployment, none being default")
			.isEqualTo(200);
	}

	@Test
	void withMatchAnyOffADeploymentMustCarryEveryTagOfTheRequest() throws Exception {
		// with LiteLLM's default (match any), one tag in common is enough
		for (int i = 0; i < 10; i++) {
			assertThat(deployment(call(gateway, "tagged", "\"tags\":[\"paid\",\"free\"],", null))).isIn("paid", "free");
		}
		for (int i = 0; i < 10; i++) {
			assertThat(deployment(call(allTags, "tagged", "\"tags\":[\"paid\",\"fast\"],", null)))
				.as("paid carries both")
				.isEqualTo("paid");
			assertThat(deployment(call(allTags, "tagged", "", "fast"))).as("a subset of a deployment's tags is enough")
				.isEqualTo("paid");
			assertThat(deployment(call(allTags, "tagged", "\"tags\":[\"paid\",\"free\"],", null)))
				.as("no deployment carries both: the default ones take it")
				.isEqualTo("dflt");
		}
		HttpResponse<String> refused = call(allTags, "strict", "\"tags\":[\"paid\",\"fast\"],", null);
		assertThat(refused.statusCode()).as("strict has paid but not fast, and no default").isEqualTo(401);
	}

	private static ConfigurableApplicationContext start(String name, String routerSettings) throws Exception {
		Path config = Files.writeString(dir.resolve(name),
				MODELS.formatted(FakeLlmServerProcess.shared().baseUrl()) + routerSettings);
		return GatewayInstances.startWithConfig(config, "--gateway.data-dir=" + dir.resolve(name + "-data"));
	}

	private static String deployment(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.headers().firstValue("x-litellm-model-id").orElseThrow();
	}

	private static HttpResponse<String> call(String model, String extra, String header) throws Exception {
		return call(gateway, model, extra, header);
	}

	private static HttpResponse<String> call(ConfigurableApplicationContext target, String model, String extra,
			String header) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(GatewayInstances.baseUrl(target) + "/v1/chat/completions"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\"," + extra
					+ "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
		if (header != null) {
			request.header("x-litellm-tags", header);
		}
		return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
