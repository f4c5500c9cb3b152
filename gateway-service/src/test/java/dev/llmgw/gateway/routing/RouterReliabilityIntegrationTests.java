package dev.llmgw.gateway.routing;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.AdminClient.Reply;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayInstances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * router_settings' max_fallbacks, retry_policy, model_group_retry_policy and
 * default_fallbacks, and litellm_settings' request_timeout, through the gateway, against
 * the fake's steered failures and delays.
 */
class RouterReliabilityIntegrationTests {

	private static final String MODELS = """
			model_list:
			  - model_name: a
			    litellm_params: {model: "openai/a;error=500", api_base: "%1$s", api_key: k}
			  - model_name: b
			    litellm_params: {model: "openai/b;error=503", api_base: "%1$s", api_key: k}
			  - model_name: c
			    litellm_params: {model: openai/c, api_base: "%1$s", api_key: k}
			    model_info: {id: c}
			  - model_name: d
			    litellm_params: {model: "openai/d;error=500", api_base: "%1$s", api_key: k}
			  - model_name: single
			    litellm_params: {model: "openai/single;error=500", api_base: "%1$s", api_key: k}
			  - model_name: pair
			    litellm_params: {model: "openai/pair-1;error=500", api_base: "%1$s", api_key: k}
			  - model_name: pair
			    litellm_params: {model: "openai/pair-2;error=500", api_base: "%1$s", api_key: k}
			  - model_name: bad
			    litellm_params: {model: "openai/bad;error=400", api_base: "%1$s", api_key: k}
			  - model_name: sluggish
			    litellm_params: {model: "openai/sluggish;latency_ms=3000", api_base: "%1$s", api_key: k}
			  - model_name: patient
			    litellm_params: {model: "openai/patient;latency_ms=1000", api_base: "%1$s", api_key: k, timeout: 10}
			""";

	@TempDir
	Path dir;

	@Test
	void aFallbacksOwnFallbacksComeNextAndDefaultFallbacksServeGroupsWithoutAny() throws Exception {
		try (ConfigurableApplicationContext gateway = start("""
				router_settings:
				  disable_cooldowns: true
				  num_retries: 0
				  fallbacks: [{a: [b]}, {b: [c]}]
				  default_fallbacks: [c]
				""")) {
			AdminClient api = new AdminClient(GatewayInstances.baseUrl(gateway));
			Reply chained = api.chat(null, "a");
			assertThat(chained.status()).as(chained.body()).isEqualTo(200);
			assertThat(chained.body()).contains("\"model\":\"c\"");
			Reply byDefault = api.chat(null, "d");
			assertThat(byDefault.status()).as(byDefault.body()).isEqualTo(200);
			assertThat(byDefault.body()).contains("\"model\":\"c\"");
		}
	}

	@Test
	void withoutNumRetriesAFailureIsRetriedTwiceAsLiteLlmsRouterDoes() throws Exception {
		try (ConfigurableApplicationContext gateway = start("""
				router_settings:
				  disable_cooldowns: true
				""")) {
			// LiteLLM's router falls back to openai.DEFAULT_MAX_RETRIES: here the group's
			// only deployment again, after a backoff of 0.5 s, then 1 s
			long started = System.nanoTime();
			java.net.http.HttpResponse<String> failed = chat(GatewayInstances.baseUrl(gateway), "single");
			assertThat(failed.headers().firstValue("x-litellm-attempted-retries")).hasValue("2");
			assertThat(failed.headers().firstValue("x-litellm-max-retries")).as("sent once a retry was made")
				.hasValue("2");
			assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
				.isGreaterThanOrEqualTo(java.time.Duration.ofMillis(1500));
		}
	}

	@Test
	void maxFallbacksBoundsTheChainAndRetryPoliciesSetRetriesByErrorKind() throws Exception {
		try (ConfigurableApplicationContext gateway = start("""
				router_settings:
				  disable_cooldowns: true
				  num_retries: 3
				  max_fallbacks: 1
				  fallbacks: [{a: [b]}, {b: [c]}]
				  retry_policy: {InternalServerErrorRetries: 2, BadRequestErrorRetries: 1}
				  model_group_retry_policy: {pair: {InternalServerErrorRetries: 1}}
				""")) {
			String base = GatewayInstances.baseUrl(gateway);
			java.net.http.HttpResponse<String> bounded = chat(base, "a");
			assertThat(bounded.statusCode()).as("b failed and c is a second fallback, beyond max_fallbacks")
				.isEqualTo(503);
			assertThat(bounded.headers().firstValue("x-litellm-attempted-fallbacks")).hasValue("1");
			assertThat(retries(base, "single")).as("retry_policy's count for a 500, not num_retries").isEqualTo("2");
			assertThat(retries(base, "pair")).as("the group's own policy replaces retry_policy").isEqualTo("1");
			assertThat(retries(base, "bad")).as("a policy retries even a bad request, as LiteLLM's").isEqualTo("1");
		}
	}

	@Test
	void requestTimeoutIsTheCallTimeoutOfDeploymentsWithoutTheirOwn() throws Exception {
		// no router_settings.timeout: litellm_settings' request_timeout applies
		try (ConfigurableApplicationContext gateway = start("""
				litellm_settings:
				  request_timeout: 0.5
				  num_retries: 0
				""")) {
			String base = GatewayInstances.baseUrl(gateway);
			java.net.http.HttpResponse<String> timedOut = chat(base, "sluggish");
			assertThat(timedOut.statusCode()).as(timedOut.body()).isEqualTo(408);
			assertThat(timedOut.body()).contains("did not answer within 0.5s (timeout)");
			java.net.http.HttpResponse<String> patient = chat(base, "patient");
			assertThat(patient.statusCode()).as("the deployment's own timeout (10 s) wins over request_timeout")
				.isEqualTo(200);
		}
	}

	private static String retries(String base, String model) throws Exception {
		return chat(base, model).headers().firstValue("x-litellm-attempted-retries").orElse("none");
	}

	private static java.net.http.HttpResponse<String> chat(String base, String model) throws Exception {
		return java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/v1/chat/completions"))
				.header("Content-Type", "application/json")
				.POST(java.net.http.HttpRequest.BodyPublishers
					.ofString("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
	}

	private ConfigurableApplicationContext start(String router) throws Exception {
		Path config = Files.createTempFile(this.dir, "config", ".yaml");
		Files.writeString(config, MODELS.formatted(FakeLlmServerProcess.shared().baseUrl()) + router);
		return GatewayInstances.startWithConfig(config, "--gateway.data-dir=" + this.dir.resolve("data"));
	}

}
