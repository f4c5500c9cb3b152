package dev.llmgw.gateway.logging.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.llmgw.gateway.logging.LogEntry;
import dev.llmgw.gateway.logging.LogSink;
import dev.llmgw.gateway.logging.StandardLoggingPayload;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes each call's payload as one JSON object, as LiteLLM's s3 callback does, all of a
 * batch's objects at once through the SDK's asynchronous client (its own small event
 * loop, never the gateway's). The SDK does not retry: the delivery does, for the objects
 * that failed with a 5xx, a throttle or a network error.
 */
final class S3Sink implements LogSink {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH-mm-ss-SSSSSS")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter DISPOSITION_TIME = DateTimeFormatter
		.ofPattern("yyyy-MM-dd'T'HH-mm-ss-SSSSSS")
		.withZone(ZoneOffset.UTC);

	/** S3's longest key, in UTF-8 bytes. */
	private static final int MAX_KEY_BYTES = 1024;

	private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(60);

	private final S3Settings settings;

	private final JsonMapper mapper;

	private final SdkEventLoopGroup eventLoops = SdkEventLoopGroup.builder().numberOfThreads(1).build();

	private final S3AsyncClient client;

	S3Sink(S3Settings settings, JsonMapper mapper) {
		this.settings = settings;
		this.mapper = mapper;
		SdkAsyncHttpClient http = NettyNioAsyncHttpClient.builder()
			.eventLoopGroup(this.eventLoops)
			.maxConcurrency(32)
			.connectionTimeout(Duration.ofSeconds(5))
			.readTimeout(Duration.ofSeconds(30))
			.build();
		var builder = S3AsyncClient.builder()
			.region(Region.of(settings.region()))
			.credentialsProvider(credentials(settings))
			.httpClient(http)
			// a checksum only where S3 demands one: PutObject then goes as one plain
			// body,
			// as LiteLLM's does, which S3-compatible stores all accept
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry())
				.apiCallTimeout(Duration.ofSeconds(30)));
		if (settings.endpoint() != null) {
			builder.endpointOverride(URI.create(settings.endpoint())).forcePathStyle(!settings.virtualHostedStyle());
		}
		this.client = builder.build();
	}

	private static AwsCredentialsProvider credentials(S3Settings settings) {
		if (settings.accessKeyId() != null && settings.secretAccessKey() != null) {
			return StaticCredentialsProvider.create((settings.sessionToken() != null)
					? AwsSessionCredentials.create(settings.accessKeyId(), settings.secretAccessKey(),
							settings.sessionToken())
					: AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
		}
		if (settings.profile() != null) {
			return ProfileCredentialsProvider.create(settings.profile());
		}
		return DefaultCredentialsProvider.builder().build();
	}

	@Override
	public String name() {
		return "s3";
	}

	/** LiteLLM counts its s3 callback's failures as {@code S3Logger}. */
	@Override
	public String metricName() {
		return "S3Logger";
	}

	@Override
	public int batchSize() {
		return this.settings.batchSize();
	}

	@Override
	public Duration flushInterval() {
		return this.settings.flushInterval();
	}

	@Override
	public Sent send(List<LogEntry> batch) {
		List<CompletableFuture<?>> puts = new ArrayList<>(batch.size());
		for (LogEntry entry : batch) {
			CompletableFuture<?> put;
			try {
				put = this.client.putObject(request(entry.payload()), AsyncRequestBody.fromBytes(body(entry)));
			}
			catch (RuntimeException ex) {
				put = CompletableFuture.failedFuture(ex);
			}
			puts.add(put);
		}
		try {
			CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new))
				.get(BATCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			// each put's own outcome is read below
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		List<LogEntry> retry = new ArrayList<>();
		int refused = 0;
		String error = null;
		for (int i = 0; i < puts.size(); i++) {
			CompletableFuture<?> put = puts.get(i);
			if (!put.isDone()) {
				put.cancel(true);
				retry.add(batch.get(i));
				error = "no answer within " + BATCH_TIMEOUT.toSeconds() + " s";
				continue;
			}
			Throwable failure = failure(put);
			if (failure == null) {
				continue;
			}
			error = describe(failure);
			if (retryable(failure)) {
				retry.add(batch.get(i));
			}
			else {
				refused++;
			}
		}
		return (error == null) ? Sent.ALL : new Sent(retry, refused, error);
	}

	private byte[] body(LogEntry entry) {
		if (!this.settings.promptsOnly()) {
			return entry.json();
		}
		StandardLoggingPayload payload = entry.payload();
		return this.mapper.writeValueAsBytes(payload.withContent(payload.messages(), null));
	}

	private PutObjectRequest request(StandardLoggingPayload payload) {
		Instant start = StandardLoggingPayload.instant(payload.startTime());
		String id = payload.id().replace('/', '_');
		PutObjectRequest.Builder request = PutObjectRequest.builder()
			.bucket(this.settings.bucket())
			.key(key(this.settings, payload))
			.contentType("application/json")
			.contentLanguage("en")
			.contentDisposition("inline; filename=\"time-" + DISPOSITION_TIME.format(start) + "_" + id.replace('"', '_')
					+ ".json\"")
			.cacheControl("private, immutable, max-age=31536000, s-maxage=0");
		if (this.settings.serverSideEncryption() != null) {
			request.serverSideEncryption(ServerSideEncryption.fromValue(this.settings.serverSideEncryption()));
			if (this.settings.kmsKeyId() != null) {
				request.ssekmsKeyId(this.settings.kmsKeyId());
			}
		}
		return request.build();
	}

	/**
	 * LiteLLM's key: {@code s3_path/}, the team's and the key's alias when asked for,
	 * then {@code YYYY-MM-DD/time-HH-MM-SS-ffffff_<id>.json} from the call's start (in
	 * UTC, which is the gateway's local time in its container).
	 */
	static String key(S3Settings settings, StandardLoggingPayload payload) {
		Instant start = StandardLoggingPayload.instant(payload.startTime());
		StringBuilder prefix = new StringBuilder();
		if (!settings.path().isEmpty()) {
			prefix.append(settings.path()).append('/');
		}
		if (settings.teamPrefix() && payload.metadata().userApiKeyTeamAlias() != null) {
			prefix.append(segment(payload.metadata().userApiKeyTeamAlias())).append('/');
		}
		if (settings.keyPrefix() && payload.metadata().userApiKeyAlias() != null) {
			prefix.append(segment(payload.metadata().userApiKeyAlias())).append('/');
		}
		String file = DAY.format(start) + "/time-" + TIME.format(start) + "_" + segment(payload.id()) + ".json";
		String key = prefix + file;
		// an alias long enough to pass S3's bound loses the alias folders, not the date,
		// time and id
		return (key.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES) ? key
				: (settings.path().isEmpty() ? "" : settings.path() + "/") + file;
	}

	/** A caller-chosen name as one key segment: no slashes, no control characters. */
	private static String segment(@Nullable String value) {
		if (value == null) {
			return "";
		}
		StringBuilder segment = new StringBuilder(Math.min(value.length(), 200));
		for (int i = 0; i < value.length() && segment.length() < 200; i++) {
			char c = value.charAt(i);
			segment.append((c == '/' || c == '\\' || Character.isISOControl(c)) ? '_' : c);
		}
		return segment.toString();
	}

	private static @Nullable Throwable failure(CompletableFuture<?> put) {
		try {
			put.join();
			return null;
		}
		catch (CompletionException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	/** A 5xx, a throttle, a timeout or a network failure may pass; a 4xx will not. */
	private static boolean retryable(Throwable failure) {
		if (failure instanceof AwsServiceException service) {
			int status = service.statusCode();
			return status >= 500 || status == 429 || status == 408 || service.isThrottlingException();
		}
		return failure instanceof SdkClientException || failure instanceof IOException;
	}

	private static String describe(Throwable failure) {
		if (failure instanceof AwsServiceException service) {
			return "S3 answered " + service.statusCode() + " "
					+ ((service.awsErrorDetails() != null) ? service.awsErrorDetails().errorCode() : "");
		}
		return failure.getClass().getSimpleName() + ": " + failure.getMessage();
	}

	@Override
	public void close() {
		this.client.close();
		this.eventLoops.eventLoopGroup().shutdownGracefully(0, 1, TimeUnit.SECONDS);
	}

}
