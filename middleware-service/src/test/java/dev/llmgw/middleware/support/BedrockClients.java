package dev.llmgw.middleware.support;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * The AWS SDK's Bedrock Runtime clients as users of the original set them up: unsigned,
 * pointed at the middleware's {@code /bedrock}, with the gateway key as a bearer added by
 * an execution interceptor (boto3 users do it in a request hook), and no retries, so a
 * test sees each answer.
 */
public final class BedrockClients {

	private BedrockClients() {
	}

	public static BedrockRuntimeClient sync(int middlewarePort, String key) {
		return BedrockRuntimeClient.builder()
			.endpointOverride(endpoint(middlewarePort))
			.region(Region.US_EAST_1)
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.httpClient(UrlConnectionHttpClient.create())
			.overrideConfiguration((config) -> config.addExecutionInterceptor(new Bearer(key))
				.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build();
	}

	public static BedrockRuntimeAsyncClient async(int middlewarePort, String key) {
		return BedrockRuntimeAsyncClient.builder()
			.endpointOverride(endpoint(middlewarePort))
			.region(Region.US_EAST_1)
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.httpClient(NettyNioAsyncHttpClient.create())
			.overrideConfiguration((config) -> config.addExecutionInterceptor(new Bearer(key))
				.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build();
	}

	private static URI endpoint(int port) {
		return URI.create("http://127.0.0.1:" + port + "/bedrock");
	}

	private record Bearer(String key) implements ExecutionInterceptor {

		@Override
		public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
				ExecutionAttributes executionAttributes) {
			return context.httpRequest().toBuilder().putHeader("Authorization", "Bearer " + this.key).build();
		}

	}

}
