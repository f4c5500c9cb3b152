package dev.llmgw.gateway.providers.aws;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.llmgw.cloud.AwsCredentialChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * One credentials provider per distinct {@link AwsCredentialSettings}, in LiteLLM's
 * order: keys given (in the params or the environment), else a named profile, else the
 * default chain; with {@code aws_role_name}, those credentials assume the role and the
 * role's temporary credentials sign the calls (refreshed by the SDK before they expire).
 * Each provider answers off the event loops ({@link NonBlockingCredentials}); building
 * one may read profile files, so {@link #resolve} builds it on a worker thread.
 */
public final class AwsCredentialProviders implements AutoCloseable {

	private final String exceptionName;

	private final Map<AwsCredentialSettings, AwsCredentialsProvider> providers = new ConcurrentHashMap<>();

	/**
	 * What the providers hold open (AssumeRole's STS client), closed with them.
	 */
	private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

	/**
	 * @param exceptionName how the adapter's errors are prefixed, e.g.
	 * {@code BedrockException}, for the error that says no credentials were found
	 */
	public AwsCredentialProviders(String exceptionName) {
		this.exceptionName = exceptionName;
	}

	/**
	 * The provider for these settings, built the first time on the calling thread, which
	 * must be allowed to block (profile files, an STS client).
	 */
	public AwsCredentialsProvider get(AwsCredentialSettings settings) {
		return this.providers.computeIfAbsent(settings, this::create);
	}

	/**
	 * The provider for these settings, built on a worker thread the first time.
	 */
	public Mono<AwsCredentialsProvider> resolve(AwsCredentialSettings settings) {
		AwsCredentialsProvider provider = this.providers.get(settings);
		if (provider != null) {
			return Mono.just(provider);
		}
		return Mono.fromCallable(() -> get(settings)).subscribeOn(Schedulers.boundedElastic());
	}

	private AwsCredentialsProvider create(AwsCredentialSettings settings) {
		return new NonBlockingCredentials(tracked(chain(settings)), Schedulers.boundedElastic()::schedule,
				this.exceptionName);
	}

	private AwsCredentialsProvider chain(AwsCredentialSettings settings) {
		AwsCredentialsProvider base = AwsCredentialChain.of(settings.accessKeyId(), settings.secretAccessKey(),
				settings.sessionToken(), settings.profile());
		if (settings.roleArn() == null) {
			return base;
		}
		var sts = StsClient.builder()
			.region(Region.of(settings.region()))
			.credentialsProvider(base)
			.httpClient(UrlConnectionHttpClient.create());
		if (settings.stsEndpoint() != null) {
			sts.endpointOverride(URI.create(settings.stsEndpoint()));
		}
		String roleArn = settings.roleArn();
		String sessionName = settings.sessionName();
		StsClient client = sts.build();
		// the provider does not close a client it was given
		this.resources.add(client);
		return StsAssumeRoleCredentialsProvider.builder()
			.stsClient(client)
			.refreshRequest((request) -> request.roleArn(roleArn).roleSessionName(sessionName))
			.build();
	}

	private AwsCredentialsProvider tracked(AwsCredentialsProvider provider) {
		if (provider instanceof AutoCloseable closeable) {
			this.resources.add(closeable);
		}
		return provider;
	}

	@Override
	public void close() {
		for (AutoCloseable resource : this.resources) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				// closing at shutdown: nothing left to do about it
			}
		}
	}

}
