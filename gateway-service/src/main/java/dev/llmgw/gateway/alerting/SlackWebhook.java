package dev.llmgw.gateway.alerting;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts alerts to Slack-compatible webhooks as LiteLLM does: each alert's text is
 * {@code Level: `High`\nTimestamp: `HH:MM:SS`\n\nMessage: ...}, alerts wait up to five
 * seconds, and those of one type for one webhook go as one post, the first one's text
 * prefixed with {@code [Num Alerts: N]}. Posts run on this sender's own thread; a webhook
 * that fails or is slow loses its alerts (logged without the URL, which is a secret) and
 * delays nothing else. At most {@value #MOST_WAITING} alerts wait; beyond that new ones
 * are dropped and counted.
 */
final class SlackWebhook implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SlackWebhook.class);

	static final int MOST_WAITING = 1000;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	private final AlertSettings settings;

	private final JsonMapper mapper;

	private final Clock clock;

	private final HttpClient http;

	private final ConcurrentLinkedQueue<Alert> waiting = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final AtomicInteger dropped = new AtomicInteger();

	private final ScheduledExecutorService flusher;

	/** One alert as queued. */
	record Alert(String type, String level, String message) {

	}

	SlackWebhook(AlertSettings settings, JsonMapper mapper, Clock clock, Duration flushEvery) {
		this.settings = settings;
		this.mapper = mapper;
		this.clock = clock;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		this.flusher = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "alerting-webhook");
			thread.setDaemon(true);
			return thread;
		});
		this.flusher.scheduleWithFixedDelay(this::flush, flushEvery.toMillis(), flushEvery.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/** Queues an alert of a type the settings send; others are ignored. */
	void send(String type, String level, String message) {
		if (!this.settings.sends(type)) {
			return;
		}
		if (this.size.incrementAndGet() > MOST_WAITING) {
			this.size.decrementAndGet();
			this.dropped.incrementAndGet();
			return;
		}
		this.waiting.add(new Alert(type, level, message));
	}

	int dropped() {
		return this.dropped.get();
	}

	/** Posts what waits, one post per type and webhook. */
	void flush() {
		Map<String, List<Alert>> byType = new LinkedHashMap<>();
		Alert alert;
		while ((alert = this.waiting.poll()) != null) {
			this.size.decrementAndGet();
			byType.computeIfAbsent(alert.type(), (key) -> new ArrayList<>()).add(alert);
		}
		byType.forEach((type, alerts) -> {
			String text = text(alerts.get(0));
			if (alerts.size() > 1) {
				text = "[Num Alerts: " + alerts.size() + "]\n\n" + text;
			}
			for (String url : this.settings.webhooks().getOrDefault(type, List.of())) {
				post(url, type, text);
			}
		});
	}

	String text(Alert alert) {
		String time = LocalTime.now(this.clock.withZone(ZoneOffset.UTC)).format(TIME);
		StringBuilder text = new StringBuilder("Level: `").append(alert.level())
			.append("`\nTimestamp: `")
			.append(time)
			.append("`\n\nMessage: ")
			.append(alert.message());
		if (this.settings.proxyUrl() != null) {
			text.append("\n\nProxy URL: `").append(this.settings.proxyUrl()).append('`');
		}
		return text.toString();
	}

	private void post(String url, String type, String text) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(this.mapper.writeValueAsBytes(Map.of("text", text))))
				.build();
			HttpResponse<Void> response = this.http.send(request, HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() >= 300) {
				log.warn("alert {} to {} answered {}", type, host(url), response.statusCode());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			log.warn("alert {} to {} failed: {}", type, host(url), ex.getClass().getSimpleName());
		}
	}

	/** The webhook's host alone: its path holds the secret. */
	private static @Nullable String host(String url) {
		try {
			return URI.create(url).getHost();
		}
		catch (IllegalArgumentException ex) {
			return "(unparsable URL)";
		}
	}

	@Override
	public void close() {
		this.flusher.shutdown();
		try {
			this.flusher.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		flush();
	}

}
