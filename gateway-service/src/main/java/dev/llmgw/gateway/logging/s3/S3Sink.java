package dev.llmgw.gateway.logging.s3;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.logging.CollectorHttp;
import dev.llmgw.gateway.logging.LogEntry;
import dev.llmgw.gateway.logging.LogSink;
import dev.llmgw.gateway.logging.StandardLoggingPayload;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes each call's payload as one JSON object, as LiteLLM's s3 callback does, up to 32
 * of a batch's objects at once ({@link S3Uploads}: signed by the AWS SDK, sent on an
 * event loop of its own). Nothing here retries: the delivery does, for the objects that
 * failed with a 5xx, a throttle or a network error.
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

	/** Objects of one batch in flight at once. */
	private static final int CONCURRENCY = 32;

	private final S3Settings settings;

	private final JsonMapper mapper;

	private final AwsCredentialsProvider credentials;

	private final S3Uploads uploads;

	S3Sink(S3Settings settings, JsonMapper mapper) {
		this.settings = settings;
		this.mapper = mapper;
		this.credentials = credentials(settings);
		this.uploads = new S3Uploads(settings.region(), settings.endpoint(), settings.virtualHostedStyle(),
				settings.bucket());
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
	public Batching batching() {
		return new Batching(this.settings.batchSize(), this.settings.flushInterval());
	}

	@Override
	public Sent send(List<LogEntry> batch) {
		AwsCredentialsIdentity identity;
		try {
			identity = this.credentials.resolveCredentials();
		}
		catch (RuntimeException ex) {
			// no credentials yet (the task role's endpoint not answering): may pass
			return Sent.retry(batch, "no AWS credentials: " + ex.getMessage());
		}
		List<Outcome> outcomes = Flux.range(0, batch.size())
			.flatMap((index) -> Mono.defer(() -> put(batch.get(index), identity))
				.map((answer) -> new Outcome(index, answer, null))
				.onErrorResume((failure) -> Mono.just(new Outcome(index, null, failure))), CONCURRENCY)
			.collectList()
			.onErrorResume((failure) -> Mono.just(List.of()))
			.block(BATCH_TIMEOUT);
		boolean[] done = new boolean[batch.size()];
		List<LogEntry> retry = new ArrayList<>();
		int refused = 0;
		String error = null;
		for (Outcome outcome : (outcomes != null) ? outcomes : List.<Outcome>of()) {
			done[outcome.index()] = true;
			if (outcome.answer() != null && outcome.answer().ok()) {
				continue;
			}
			if (outcome.answer() != null) {
				error = "S3 answered " + outcome.answer().status() + " " + errorCode(outcome.answer().body());
				if (outcome.answer().retryable()) {
					retry.add(batch.get(outcome.index()));
				}
				else {
					refused++;
				}
			}
			else {
				error = outcome.failure().getClass().getSimpleName() + ": " + outcome.failure().getMessage();
				retry.add(batch.get(outcome.index()));
			}
		}
		for (int i = 0; i < done.length; i++) {
			if (!done[i]) {
				retry.add(batch.get(i));
				error = "no answer within " + BATCH_TIMEOUT.toSeconds() + " s";
			}
		}
		return (error == null) ? Sent.ALL : new Sent(retry, refused, error);
	}

	private Mono<CollectorHttp.Answer> put(LogEntry entry, AwsCredentialsIdentity identity) {
		StandardLoggingPayload payload = entry.payload();
		return this.uploads.put(key(this.settings, payload), body(entry), headers(payload), identity);
	}

	/** S3's error code ({@code SlowDown}, {@code AccessDenied}) from its XML body. */
	private static String errorCode(String body) {
		int start = body.indexOf("<Code>");
		int end = body.indexOf("</Code>");
		return (start >= 0 && end > start) ? body.substring(start + 6, end) : "";
	}

	private byte[] body(LogEntry entry) {
		if (!this.settings.promptsOnly()) {
			return entry.json();
		}
		StandardLoggingPayload payload = entry.payload();
		return this.mapper.writeValueAsBytes(payload.withContent(payload.messages(), null));
	}

	/** The headers LiteLLM's s3 callback sends with each object. */
	private Map<String, String> headers(StandardLoggingPayload payload) {
		Instant start = StandardLoggingPayload.instant(payload.startTime());
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/json");
		headers.put("Content-Language", "en");
		headers.put("Content-Disposition", "inline; filename=\"time-" + DISPOSITION_TIME.format(start) + "_"
				+ payload.id().replace('/', '_').replace('"', '_') + ".json\"");
		headers.put("Cache-Control", "private, immutable, max-age=31536000, s-maxage=0");
		if (this.settings.serverSideEncryption() != null) {
			headers.put("x-amz-server-side-encryption", this.settings.serverSideEncryption());
			if (this.settings.kmsKeyId() != null) {
				headers.put("x-amz-server-side-encryption-aws-kms-key-id", this.settings.kmsKeyId());
			}
		}
		return headers;
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

	/**
	 * One object's outcome.
	 *
	 * @param index its place in the batch
	 * @param answer S3's answer, null when none came
	 * @param failure why none came
	 */
	private record Outcome(int index, CollectorHttp.@Nullable Answer answer, @Nullable Throwable failure) {
	}

	@Override
	public void close() {
		this.uploads.close();
	}

}
