package dev.llmgw.gateway.providers.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.llmgw.gateway.error.AuthenticationError;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.ResolveIdentityRequest;

/**
 * Keeps credential lookups off the event loops. The default chain may read profile files
 * or call the container or instance metadata endpoint, blocking I/O that the SDK would
 * otherwise run on the calling thread; this asks it on a worker thread and hands out the
 * answer until shortly before it expires (at most five minutes, so rotated keys are
 * picked up).
 */
final class NonBlockingCredentials implements AwsCredentialsProvider {

	private static final Duration MAX_AGE = Duration.ofMinutes(5);

	private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);

	private final AwsCredentialsProvider delegate;

	private final Executor executor;

	private final String exceptionName;

	private volatile @Nullable Cached cached;

	NonBlockingCredentials(AwsCredentialsProvider delegate, Executor executor, String exceptionName) {
		this.delegate = delegate;
		this.executor = executor;
		this.exceptionName = exceptionName;
	}

	@Override
	public AwsCredentials resolveCredentials() {
		return fresh(this.delegate.resolveCredentials());
	}

	@Override
	public CompletableFuture<AwsCredentialsIdentity> resolveIdentity(ResolveIdentityRequest request) {
		Cached current = this.cached;
		if (current != null && Instant.now().isBefore(current.validUntil())) {
			return CompletableFuture.completedFuture(current.credentials());
		}
		return CompletableFuture.supplyAsync(this::resolveOrRefuse, this.executor);
	}

	private AwsCredentials resolveOrRefuse() {
		try {
			return resolveCredentials();
		}
		catch (SdkClientException ex) {
			throw new AuthenticationError("litellm.AuthenticationError: " + this.exceptionName
					+ " - no AWS credentials: set "
					+ "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or a role, or aws_access_key_id and "
					+ "aws_secret_access_key in litellm_params (" + ex.getMessage() + ")");
		}
	}

	private AwsCredentials fresh(AwsCredentials credentials) {
		Instant now = Instant.now();
		Instant validUntil = now.plus(MAX_AGE);
		if (credentials instanceof AwsSessionCredentials session && session.expirationTime().isPresent()) {
			Instant expiry = session.expirationTime().get().minus(EXPIRY_MARGIN);
			validUntil = expiry.isBefore(validUntil) ? expiry : validUntil;
		}
		this.cached = new Cached(credentials, validUntil);
		return credentials;
	}

	private record Cached(AwsCredentials credentials, Instant validUntil) {

	}

}
