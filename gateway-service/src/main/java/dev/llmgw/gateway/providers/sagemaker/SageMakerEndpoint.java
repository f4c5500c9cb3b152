package dev.llmgw.gateway.providers.sagemaker;

import java.net.URI;

import dev.llmgw.cloud.AwsPathEncoding;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.aws.AwsCredentialSettings;
import org.jspecify.annotations.Nullable;

/**
 * Where a SageMaker deployment's endpoint is invoked, and the region its calls are signed
 * for.
 * <p>
 * Region, in LiteLLM's order: {@code aws_region_name}, {@code AWS_REGION_NAME},
 * {@code AWS_REGION}, else {@value #DEFAULT_REGION}. URL: {@code sagemaker_base_url},
 * else {@code api_base}, else {@code AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME}, else
 * {@code AWS_ENDPOINT_URL} (the SDK's own endpoint settings, read here so that the
 * config's environment_variables count), else
 * {@code https://runtime.sagemaker.{region}.amazonaws.com}. A value that ends in
 * {@code /invocations} or {@code /invocations-response-stream} is the whole URL, as
 * LiteLLM takes {@code sagemaker_base_url} (the other operation's URL swaps the suffix);
 * any other value is the runtime's base URL, to which
 * {@code /endpoints/{EndpointName}/invocations[-response-stream]} is appended.
 *
 * @param region the region to sign for
 * @param invokeUrl InvokeEndpoint's URL
 * @param streamUrl InvokeEndpointWithResponseStream's URL
 * @param inferenceComponent {@code model_id}, the inference component to invoke, or null
 */
record SageMakerEndpoint(String region, URI invokeUrl, URI streamUrl, @Nullable String inferenceComponent) {

	static final String DEFAULT_REGION = "us-west-2";

	private static final String INVOKE = "/invocations";

	private static final String STREAM = "/invocations-response-stream";

	static SageMakerEndpoint of(Deployment deployment, EnvironmentLookup environment) {
		String region = deployment.params().awsRegionName();
		if (region == null || EnvironmentLookup.referencedVariable(region) != null) {
			region = firstSet(environment, "AWS_REGION_NAME", "AWS_REGION");
		}
		region = (region != null) ? region : DEFAULT_REGION;
		String base = AwsCredentialSettings.text(deployment.params().providerSettings().get("sagemaker_base_url"));
		if (base == null && deployment.apiBase() != null) {
			String variable = EnvironmentLookup.referencedVariable(deployment.apiBase());
			if (variable != null) {
				throw new BadRequestError("No api_base for model " + deployment.modelName()
						+ " (sagemaker): environment variable " + variable + " is not set", null, "model");
			}
			base = deployment.apiBase();
		}
		if (base == null) {
			base = firstSet(environment, "AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME", "AWS_ENDPOINT_URL");
		}
		if (base == null) {
			String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
			base = "https://runtime.sagemaker." + region + "." + domain;
		}
		base = base.trim();
		while (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		String invoke;
		String stream;
		if (base.endsWith(STREAM)) {
			stream = base;
			invoke = base.substring(0, base.length() - STREAM.length()) + INVOKE;
		}
		else if (base.endsWith(INVOKE)) {
			invoke = base;
			stream = base.substring(0, base.length() - INVOKE.length()) + STREAM;
		}
		else {
			// one path label, escaped as the SDK escapes it
			String endpoint = base + "/endpoints/" + AwsPathEncoding.encode(deployment.providerModel(), false);
			invoke = endpoint + INVOKE;
			stream = endpoint + STREAM;
		}
		return new SageMakerEndpoint(region, URI.create(invoke), URI.create(stream),
				AwsCredentialSettings.text(deployment.params().providerSettings().get("model_id")));
	}

	private static @Nullable String firstSet(EnvironmentLookup environment, String... variables) {
		for (String variable : variables) {
			String value = environment.get(variable);
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

}
