package dev.llmgw.cloud;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * AWS credentials in LiteLLM's order, wherever a config names them (a Bedrock deployment,
 * a guardrail, the s3 logging callback): keys given (with a session token when there is
 * one), else a named profile, else the default chain (environment, web identity, the ECS
 * task role or the instance's).
 */
public final class AwsCredentialChain {

	private AwsCredentialChain() {
	}

	public static AwsCredentialsProvider of(@Nullable String accessKeyId, @Nullable String secretAccessKey,
			@Nullable String sessionToken, @Nullable String profile) {
		if (accessKeyId != null && secretAccessKey != null) {
			return StaticCredentialsProvider.create(
					(sessionToken != null) ? AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken)
							: AwsBasicCredentials.create(accessKeyId, secretAccessKey));
		}
		if (profile != null) {
			return ProfileCredentialsProvider.create(profile);
		}
		return DefaultCredentialsProvider.builder().build();
	}

}
