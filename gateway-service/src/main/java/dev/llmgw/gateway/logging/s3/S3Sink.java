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

import dev.llmgw.cloud.AwsCredentialChain;
import dev.llmgw.gateway.logging.CollectorHttp;
import dev.llmgw.gateway.logging.LogEntry;
import dev.llmgw.gateway.logging.LogSink;
import dev.llmgw.gateway.logging.StandardLoggingPayload;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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

	/** The longest one object may take. */
	private static final Duration PUT_TIMEOUT = Duration.ofSeconds(30);

	/** Objects of one batch in flight at once. */
	private static final int CONCURRENCY = 32;

	private final S3Settings settings;

	private final JsonMapper mapper;

	private final AwsCredentialsProvider credentials;

	private final S3Uploads uploads;

	S3Sink(S3Settings settings, JsonMapper mapper) {
		this.settings = settings;
		this.mapper = mapper;
		this.credentials = AwsCredentialChain.of(settings.accessKeyId(), settings.secretAccessKey(),
				settings.sessionToken(), settings.profile());
		this.uploads = new S3Uploads(settings.region(), settings.endpoint(), settings.virtualHostedStyle(),
				settings.bucket());
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
		return new Batching(this.settings.batchSize(), this.settings.flushInterval(), 32_000_000);
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
		List<Upload> uploads = this.settings.batchObjects() ? batchObjects(batch) : objectPerCall(batch);
		List<Outcome> outcomes = Flux.range(0, uploads.size())
			.flatMap((index) -> Mono.defer(() -> put(uploads.get(index), identity))
				.map((answer) -> new Outcome(index, answer, null))
				.onErrorResume((failure) -> Mono.just(new Outcome(index, null, failure))), CONCURRENCY)
			.take(BATCH_TIMEOUT)
			.collectList()
			.onErrorResume((failure) -> Mono.just(List.of()))
			.block();
		boolean[] done = new boolean[uploads.size()];
		List<LogEntry> retry = new ArrayList<>();
		int refused = 0;
		String error = null;
		for (Outcome outcome : (outcomes != null) ? outcomes : List.<Outcome>of()) {
			done[outcome.index()] = true;
			Upload upload = uploads.get(outcome.index());
			CollectorHttp.Answer answer = outcome.answer();
			if (answer != null && answer.ok()) {
				continue;
			}
			if (answer != null) {
				error = "S3 answered " + answer.status() + " " + errorCode(answer.body());
				if (answer.retryable()) {
					retry.addAll(upload.entries());
				}
				else {
					refused += upload.entries().size();
				}
			}
			else {
				Throwable failure = outcome.failure();
				error = (failure != null) ? failure.getClass().getSimpleName() + ": " + failure.getMessage() : "failed";
				retry.addAll(upload.entries());
			}
		}
		for (int i = 0; i < done.length; i++) {
			if (!done[i]) {
				retry.addAll(uploads.get(i).entries());
				error = "no answer within " + BATCH_TIMEOUT.toSeconds() + " s";
			}
		}
		return (error == null) ? Sent.ALL : new Sent(retry, refused, error);
	}

	/** LiteLLM's layout: one object per call. */
	private List<Upload> objectPerCall(List<LogEntry> batch) {
		List<Upload> uploads = new ArrayList<>(batch.size());
		for (LogEntry entry : batch) {
			LogEntry.Summary call = entry.summary();
			uploads.add(new Upload(key(this.settings, call, file(call)), body(entry),
					headers("application/json", call.startTime(), call.id() + ".json"), List.of(entry)));
		}
		return uploads;
	}

	/**
	 * {@code s3_batch_objects}: one newline-delimited JSON object per batch and folder
	 * (the team and key prefixes split a batch), named after its first call.
	 */
	private List<Upload> batchObjects(List<LogEntry> batch) {
		Map<String, List<LogEntry>> byFolder = new LinkedHashMap<>();
		for (LogEntry entry : batch) {
			byFolder.computeIfAbsent(key(this.settings, entry.summary(), ""), (folder) -> new ArrayList<>()).add(entry);
		}
		List<Upload> uploads = new ArrayList<>(byFolder.size());
		for (List<LogEntry> entries : byFolder.values()) {
			LogEntry.Summary first = entries.get(0).summary();
			Instant start = StandardLoggingPayload.instant(first.startTime());
			String name = "time-" + TIME.format(start) + "_" + segment(first.callId()) + "_" + entries.size();
			// one array of the exact size: a batch's body is a megabyte or more
			List<byte[]> lines = new ArrayList<>(entries.size());
			int size = 0;
			for (LogEntry entry : entries) {
				byte[] line = body(entry);
				lines.add(line);
				size += line.length + 1;
			}
			byte[] body = new byte[size];
			int at = 0;
			for (byte[] line : lines) {
				System.arraycopy(line, 0, body, at, line.length);
				at += line.length;
				body[at++] = '\n';
			}
			uploads.add(new Upload(key(this.settings, first, DAY.format(start) + "/" + name + ".ndjson"), body,
					headers("application/x-ndjson", first.startTime(), name + ".ndjson"), entries));
		}
		return uploads;
	}

	private Mono<CollectorHttp.Answer> put(Upload upload, AwsCredentialsIdentity identity) {
		return this.uploads.put(upload.key(), upload.body(), upload.headers(), identity).timeout(PUT_TIMEOUT);
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
		StandardLoggingPayload payload = entry.payload(this.mapper);
		return this.mapper.writeValueAsBytes(payload.withContent(payload.messages(), null));
	}

	/** The headers LiteLLM's s3 callback sends with each object. */
	private Map<String, String> headers(String type, double startTime, String name) {
		Instant start = StandardLoggingPayload.instant(startTime);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", type);
		headers.put("Content-Language", "en");
		headers.put("Content-Disposition", "inline; filename=\"time-" + DISPOSITION_TIME.format(start) + "_"
				+ segment(name).replaceAll("[^\\x20-\\x7e]|\"", "_") + "\"");
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
	 * LiteLLM's file name of one call: {@code YYYY-MM-DD/time-HH-MM-SS-ffffff_<id>.json}.
	 */
	static String file(LogEntry.Summary call) {
		Instant start = StandardLoggingPayload.instant(call.startTime());
		return DAY.format(start) + "/time-" + TIME.format(start) + "_" + segment(call.id()) + ".json";
	}

	/**
	 * LiteLLM's key: {@code s3_path/}, the team's and the key's alias when asked for,
	 * then the file (its day folder and name, from the call's start in UTC, which is the
	 * gateway's local time in its container).
	 */
	static String key(S3Settings settings, LogEntry.Summary call, String file) {
		StringBuilder prefix = new StringBuilder();
		if (!settings.path().isEmpty()) {
			prefix.append(settings.path()).append('/');
		}
		if (settings.teamPrefix() && call.teamAlias() != null) {
			prefix.append(segment(call.teamAlias())).append('/');
		}
		if (settings.keyPrefix() && call.keyAlias() != null) {
			prefix.append(segment(call.keyAlias())).append('/');
		}
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
		if (value.equals(".") || value.equals("..")) {
			// S3-compatible stores refuse a key with a dot segment
			return "_";
		}
		StringBuilder segment = new StringBuilder(Math.min(value.length(), 200));
		for (int i = 0; i < value.length() && segment.length() < 200; i++) {
			char c = value.charAt(i);
			segment.append((c == '/' || c == '\\' || Character.isISOControl(c)) ? '_' : c);
		}
		return segment.toString();
	}

	/**
	 * One object to write.
	 *
	 * @param key its key
	 * @param body its content
	 * @param headers its headers
	 * @param entries the calls it holds
	 */
	private record Upload(String key, byte[] body, Map<String, String> headers, List<LogEntry> entries) {
	}

	/**
	 * One object's outcome.
	 *
	 * @param index its place in the uploads
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
