package dev.llmgw.gateway.providers.bedrock;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.llmgw.cloud.AwsCredentialChain;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.providers.Deployment;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * One Bedrock runtime client per distinct region, credentials, endpoint and timeout, so
 * that the dozens of Bedrock deployments of a typical config share a client and one small
 * event loop group. Clients are built on a worker thread, since building one reads the
 * AWS profile files. The SDK's own retries are off: the router decides retries.
 */
public final class BedrockClients implements AutoCloseable {

	private static final String DEFAULT_REGION = "us-east-1";

	private static final String DEFAULT_SESSION_NAME = "llm-gateway";

	private final Map<ClientKey, BedrockRuntimeAsyncClient> clients = new ConcurrentHashMap<>();

	private final Map<ClientKey, BedrockRuntimeTarget> targets = new ConcurrentHashMap<>();

	private final SdkEventLoopGroup eventLoops = SdkEventLoopGroup.builder().numberOfThreads(2).build();

	private final EnvironmentLookup environment;

	/**
	 * What the credentials of the clients hold open (AssumeRole's STS client), closed
	 * with them.
	 */
	private final List<AutoCloseable> credentialResources = new CopyOnWriteArrayList<>();

	public BedrockClients(EnvironmentLookup environment) {
		this.environment = environment;
	}

	Mono<BedrockRuntimeAsyncClient> forDeployment(Deployment deployment) {
		Duration readTimeout = deployment.streamTimeout().compareTo(deployment.timeout()) > 0
				? deployment.streamTimeout() : deployment.timeout();
		return forSettings(deployment.params().providerSettings(), deployment.params().awsRegionName(),
				deployment.apiBase(), readTimeout);
	}

	/**
	 * A client for anything else that calls Bedrock's runtime with LiteLLM's AWS
	 * parameters (guardrails): the same credentials chain, STS role assumption and
	 * endpoint override as Bedrock models.
	 * @param params {@code aws_access_key_id}, {@code aws_role_name},
	 * {@code aws_bedrock_runtime_endpoint} and the rest, as in litellm_params
	 * @param region {@code aws_region_name}, else the environment's
	 * @param apiBase an endpoint given as {@code api_base}
	 * @param readTimeout how long a call may wait for its answer
	 */
	public Mono<BedrockRuntimeAsyncClient> forSettings(Map<String, Object> params, @Nullable String region,
			@Nullable String apiBase, Duration readTimeout) {
		ClientKey key = key(params, region, apiBase, readTimeout);
		BedrockRuntimeAsyncClient client = this.clients.get(key);
		if (client != null) {
			return Mono.just(client);
		}
		return Mono.fromCallable(() -> this.clients.computeIfAbsent(key, this::create))
			.subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Where and as whom to send one's own signed request to Bedrock's runtime, with the
	 * same parameters as {@link #forSettings}: one per distinct region, credentials and
	 * endpoint, built on a worker thread the first time.
	 */
	public Mono<BedrockRuntimeTarget> target(Map<String, Object> params, @Nullable String region,
			@Nullable String apiBase) {
		ClientKey key = key(params, region, apiBase, Duration.ZERO);
		BedrockRuntimeTarget target = this.targets.get(key);
		if (target != null) {
			return Mono.just(target);
		}
		return Mono.fromCallable(() -> this.targets.computeIfAbsent(key, this::createTarget))
			.subscribeOn(Schedulers.boundedElastic());
	}

	private BedrockRuntimeTarget createTarget(ClientKey key) {
		String endpoint = key.endpoint();
		if (endpoint == null) {
			String domain = key.region().startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
			endpoint = "https://bedrock-runtime." + key.region() + "." + domain;
		}
		while (endpoint.endsWith("/")) {
			endpoint = endpoint.substring(0, endpoint.length() - 1);
		}
		return new BedrockRuntimeTarget(key.region(), URI.create(endpoint),
				new NonBlockingCredentials(tracked(credentials(key)), Schedulers.boundedElastic()::schedule));
	}

	private ClientKey key(Map<String, Object> params, @Nullable String configuredRegion, @Nullable String apiBase,
			Duration readTimeout) {
		String region = configuredRegion;
		if (region == null) {
			region = firstSet("AWS_REGION_NAME", "AWS_REGION", "AWS_DEFAULT_REGION");
		}
		String endpoint = text(params.get("aws_bedrock_runtime_endpoint"));
		if (endpoint == null) {
			endpoint = apiBase;
		}
		if (endpoint == null) {
			// read here too, not only by the SDK, so that the config's
			// environment_variables section counts, as it does in LiteLLM
			endpoint = firstSet("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL");
		}
		String accessKey = text(params.get("aws_access_key_id"));
		String secretKey = text(params.get("aws_secret_access_key"));
		String sessionToken = text(params.get("aws_session_token"));
		if (accessKey == null && secretKey == null) {
			accessKey = firstSet("AWS_ACCESS_KEY_ID");
			secretKey = firstSet("AWS_SECRET_ACCESS_KEY");
			sessionToken = firstSet("AWS_SESSION_TOKEN");
		}
		String roleArn = text(params.get("aws_role_name"));
		String sessionName = text(params.get("aws_session_name"));
		return new ClientKey((region != null) ? region : DEFAULT_REGION, accessKey, secretKey, sessionToken, endpoint,
				readTimeout, text(params.get("aws_profile_name")), roleArn,
				(sessionName != null) ? sessionName : DEFAULT_SESSION_NAME, text(params.get("aws_sts_endpoint")));
	}

	private BedrockRuntimeAsyncClient create(ClientKey key) {
		SdkAsyncHttpClient http = NettyNioAsyncHttpClient.builder()
			.eventLoopGroup(this.eventLoops)
			.readTimeout(key.readTimeout())
			.maxConcurrency(1000)
			.build();
		var builder = BedrockRuntimeAsyncClient.builder()
			.region(Region.of(key.region()))
			.credentialsProvider(
					new NonBlockingCredentials(tracked(credentials(key)), Schedulers.boundedElastic()::schedule))
			.httpClient(http)
			// the answer goes on on the SDK's I/O thread: its default completion pool
			// would
			// cost every call one more thread hop (the work after is non-blocking)
			.asyncConfiguration((async) -> async.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR,
					Runnable::run))
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()));
		if (key.endpoint() != null) {
			builder.endpointOverride(URI.create(key.endpoint()));
		}
		return builder.build();
	}

	/**
	 * LiteLLM's order: keys given in the params (or the environment), else a named
	 * profile, else the default chain; with {@code aws_role_name}, those credentials
	 * assume the role, and the role's temporary credentials sign the calls (refreshed by
	 * the SDK before they expire).
	 */
	private AwsCredentialsProvider credentials(ClientKey key) {
		AwsCredentialsProvider base = AwsCredentialChain.of(key.accessKeyId(), key.secretAccessKey(),
				key.sessionToken(), key.profile());
		if (key.roleArn() == null) {
			return base;
		}
		var sts = StsClient.builder()
			.region(Region.of(key.region()))
			.credentialsProvider(base)
			.httpClient(UrlConnectionHttpClient.create());
		if (key.stsEndpoint() != null) {
			sts.endpointOverride(URI.create(key.stsEndpoint()));
		}
		String roleArn = key.roleArn();
		String sessionName = key.sessionName();
		StsClient client = sts.build();
		// the provider does not close a client it was given
		this.credentialResources.add(client);
		return StsAssumeRoleCredentialsProvider.builder()
			.stsClient(client)
			.refreshRequest((request) -> request.roleArn(roleArn).roleSessionName(sessionName))
			.build();
	}

	private AwsCredentialsProvider tracked(AwsCredentialsProvider provider) {
		if (provider instanceof AutoCloseable closeable) {
			this.credentialResources.add(closeable);
		}
		return provider;
	}

	private @Nullable String firstSet(String... variables) {
		for (String variable : variables) {
			String value = this.environment.get(variable);
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

	private static @Nullable String text(@Nullable Object value) {
		if (value == null || EnvironmentLookup.referencedVariable(value.toString()) != null) {
			return null;
		}
		return value.toString();
	}

	@Override
	public void close() {
		this.clients.values().forEach(BedrockRuntimeAsyncClient::close);
		for (AutoCloseable resource : this.credentialResources) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				// closing at shutdown: nothing left to do about it
			}
		}
		this.eventLoops.eventLoopGroup().shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
	}

	record ClientKey(String region, @Nullable String accessKeyId, @Nullable String secretAccessKey,
			@Nullable String sessionToken, @Nullable String endpoint, Duration readTimeout, @Nullable String profile,
			@Nullable String roleArn, String sessionName, @Nullable String stsEndpoint) {

		@Override
		public String toString() {
			return "ClientKey[" + this.region + " " + this.endpoint + "]";
		}

	}

}
