package dev.llmgw.gateway.providers.sagemaker;

import java.util.Map;

import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.routing.ModelRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where a SageMaker deployment's calls go and which region signs them, in LiteLLM's order
 * and with the AWS SDK's endpoint variables.
 */
class SageMakerEndpointTests {

	@Test
	void regionComesFromTheParamsThenAwsRegionNameThenAwsRegionElseUsWest2() {
		assertThat(endpoint("{model: sagemaker/e, aws_region_name: eu-west-3}",
				Map.of("AWS_REGION_NAME", "ap-south-1", "AWS_REGION", "us-east-2"))
			.region()).isEqualTo("eu-west-3");
		assertThat(endpoint("{model: sagemaker/e}", Map.of("AWS_REGION_NAME", "ap-south-1", "AWS_REGION", "us-east-2"))
			.region()).isEqualTo("ap-south-1");
		assertThat(endpoint("{model: sagemaker/e}", Map.of("AWS_REGION", "us-east-2")).region()).isEqualTo("us-east-2");
		SageMakerEndpoint defaults = endpoint("{model: sagemaker/my-endpoint}", Map.of());
		assertThat(defaults.region()).isEqualTo("us-west-2");
		assertThat(defaults.invokeUrl())
			.hasToString("https://runtime.sagemaker.us-west-2.amazonaws.com/endpoints/my-endpoint/invocations");
		assertThat(defaults.streamUrl()).hasToString(
				"https://runtime.sagemaker.us-west-2.amazonaws.com/endpoints/my-endpoint/invocations-response-stream");
		assertThat(endpoint("{model: sagemaker/e, aws_region_name: cn-north-1}", Map.of()).invokeUrl())
			.hasToString("https://runtime.sagemaker.cn-north-1.amazonaws.com.cn/endpoints/e/invocations");
	}

	@Test
	void theUrlIsSagemakerBaseUrlThenApiBaseThenTheSdksEndpointVariables() {
		Map<String, String> environment = Map.of("AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME", "http://runtime.local:9000/",
				"AWS_ENDPOINT_URL", "http://any.local");
		assertThat(endpoint("{model: sagemaker/e}", environment).invokeUrl())
			.hasToString("http://runtime.local:9000/endpoints/e/invocations");
		assertThat(endpoint("{model: sagemaker/e}", Map.of("AWS_ENDPOINT_URL", "http://any.local")).streamUrl())
			.hasToString("http://any.local/endpoints/e/invocations-response-stream");
		assertThat(endpoint("{model: sagemaker/e, api_base: \"https://vpce.example/sm\"}", environment).invokeUrl())
			.hasToString("https://vpce.example/sm/endpoints/e/invocations");
		SageMakerEndpoint whole = endpoint(
				"{model: sagemaker/e, api_base: \"https://ignored\", sagemaker_base_url: \"https://proxy.example/x/invocations-response-stream\"}",
				environment);
		assertThat(whole.invokeUrl()).hasToString("https://proxy.example/x/invocations");
		assertThat(whole.streamUrl()).hasToString("https://proxy.example/x/invocations-response-stream");
	}

	@Test
	void anEndpointNameIsOnePathLabel() {
		assertThat(endpoint("{model: \"sagemaker/tgi;error=429\"}", Map.of()).invokeUrl().getRawPath())
			.isEqualTo("/endpoints/tgi%3Berror%3D429/invocations");
	}

	@Test
	void anApiBaseVariableThatIsNotSetIsNamed() {
		assertThatThrownBy(() -> endpoint("{model: sagemaker/e, api_base: os.environ/SM_BASE}", Map.of()))
			.isInstanceOf(BadRequestError.class)
			.hasMessageContaining("SM_BASE");
	}

	private static SageMakerEndpoint endpoint(String params, Map<String, String> variables) {
		EnvironmentLookup environment = EnvironmentLookup.of(variables);
		ModelRegistry models = new ModelRegistry(new ConfigLoader(environment)
			.parse("model_list:\n  - model_name: m\n    litellm_params: " + params + "\n", "test"));
		Deployment deployment = models.find("m").deployments().get(0);
		return SageMakerEndpoint.of(deployment, environment);
	}

}
