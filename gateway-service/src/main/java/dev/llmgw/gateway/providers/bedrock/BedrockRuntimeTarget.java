package dev.llmgw.gateway.providers.bedrock;

import java.net.URI;

import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;

/**
 * Where and as whom a request of one's own to Bedrock's runtime goes, for callers that
 * sign and send it themselves rather than through the SDK's client (whose per-call
 * pipeline costs more than a small call such as ApplyGuardrail is worth).
 *
 * @param region the region to sign for
 * @param endpoint the runtime's base URL, without a trailing slash: the override
 * ({@code aws_bedrock_runtime_endpoint}, {@code api_base},
 * {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME}, {@code AWS_ENDPOINT_URL}) or AWS's own
 * @param credentials the same chain as the models' (keys, profile, default chain, STS
 * role), answered off the event loops
 */
public record BedrockRuntimeTarget(String region, URI endpoint, IdentityProvider<AwsCredentialsIdentity> credentials) {

	/** The SigV4 service name of Bedrock's runtime. */
	public static final String SIGNING_NAME = "bedrock";

}
