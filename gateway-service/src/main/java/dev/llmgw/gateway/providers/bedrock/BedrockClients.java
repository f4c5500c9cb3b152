package dev.llmgw.gateway.providers.bedrock;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.aws.AwsCredentialProviders;
import dev.llmgw.gateway.providers.aws.AwsCredentialSettings;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/**
 * One Bedrock runtime client per distinct region, credentials, endpoint and timeout, so
 * that the dozens of Bedrock deployments of a typical config share a client and one small
 * event loop group. Clients are built on a worker thread, since building one reads the
 * AWS profile files. The SDK's own retries are off: the router decides retries.
 */
public final class BedrockClients implements AutoCloseable {

	private static final String DEFAULT_REGION = "us-east-1";

	private final Map<ClientKey, BedrockRuntimeAsyncClient> clients = new ConcurrentHashMap<>();

	private final Map<ClientKey, BedrockRuntimeTarget> targets = new ConcurrentHashMap<>();

	private final SdkEventLoopGroup eventLoops = SdkEventLoopGroup.builder().numberOfThreads(2).build();

	private final EnvironmentLookup environment;

	/** The models' credentials (keys, profile, default chain, STS role). */
	private final AwsCredentialProviders credentials = new AwsCredentialProviders("BedrockException");

	public BedrockClients(EnvironmentLookup environment) {
		this.environment = environment;
	}

	Mono<BedrockRuntimeAsyncClient> forDeployment(Deployment deployment) {
		Duration readTimeout = deployment.streamTimeout().compareTo(deployment.timeout()) > 0
				? deployment.streamTimeout() : deployment.timeout();
		return forSettings(deployment.params().providerSettings(), deployment.params().awsRegionName(),
				deployment.apiBase(), bucket(readTimeout));
	}

	/**
	 * The read timeout a client is built for: whole seconds up to a minute, whole minutes
	 * up to ten, then doubling. A request sets its own {@code timeout}, and a client per
	 * distinct value would let a caller build clients (each with its connection pool)
	 * without end; rounded up, there are at most a hundred or so. A non-streaming call's
	 * own timeout is still exact (the SDK's call timeout).
	 */
	static Duration bucket(Duration readTimeout) {
		long seconds = Math.max(1, (readTimeout.toMillis() + 999) / 1000);
		if (seconds <= 60) {
			return Duration.ofSeconds(seconds);
		}
		if (seconds <= 600) {
			return Duration.ofMinutes((seconds + 59) / 60);
		}
		long bucket = 1200;
		while (bucket < seconds && bucket < (1L << 40)) {
			bucket *= 2;
		}
		return Duration.ofSeconds(bucket);
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
		return new BedrockRuntimeTarget(key.region(), URI.create(endpoint), this.credentials.get(key.credentials()));
	}

	private ClientKey key(Map<String, Object> params, @Nullable String configuredRegion, @Nullable String apiBase,
			Duration readTimeout) {
		String region = configuredRegion;
		if (region == null) {
			region = firstSet("AWS_REGION_NAME", "AWS_REGION", "AWS_DEFAULT_REGION");
		}
		String endpoint = AwsCredentialSettings.text(params.get("aws_bedrock_runtime_endpoint"));
		if (endpoint == null) {
			endpoint = apiBase;
		}
		if (endpoint == null) {
			// read here too, not only by the SDK, so that the config's
			// environment_variables section counts, as it does in LiteLLM
			endpoint = firstSet("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL");
		}
		return new ClientKey(
				AwsCredentialSettings.of(params, (region != null) ? region : DEFAULT_REGION, this.environment),
				endpoint, readTimeout);
	}

	private BedrockRuntimeAsyncClient create(ClientKey key) {
		SdkAsyncHttpClient http = NettyNioAsyncHttpClient.builder()
			.eventLoopGroup(this.eventLoops)
			.readTimeout(key.readTimeout())
			.maxConcurrency(1000)
			.build();
		var builder = BedrockRuntimeAsyncClient.builder()
			.region(Region.of(key.region()))
			.credentialsProvider(this.credentials.get(key.credentials()))
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

	private @Nullable String firstSet(String... variables) {
		for (String variable : variables) {
			String value = this.environment.get(variable);
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

	@Override
	public void close() {
		this.clients.values().forEach(BedrockRuntimeAsyncClient::close);
		this.credentials.close();
		this.eventLoops.eventLoopGroup().shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
	}

	/**
	 * What sets one client apart from another.
	 *
	 * @param credentials who signs, and the region
	 * @param endpoint the endpoint override, null for AWS's own
	 * @param readTimeout how long a call may wait for its answer
	 */
	record ClientKey(AwsCredentialSettings credentials, @Nullable String endpoint, Duration readTimeout) {

		String region() {
			return this.credentials.region();
		}

		@Override
		public String toString() {
			return "ClientKey[" + this.credentials.region() + " " + this.endpoint + "]";
		}

	}

}
