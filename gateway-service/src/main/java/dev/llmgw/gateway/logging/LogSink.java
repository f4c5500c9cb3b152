package dev.llmgw.gateway.logging;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A logging callback's destination (S3, Langfuse, LangSmith, a webhook). Each is called
 * by its own {@link Delivery} thread, one batch at a time, and may block while it sends.
 */
public interface LogSink extends AutoCloseable {

	/** The callback's LiteLLM name ({@code s3}, {@code langfuse}, ...). */
	String name();

	/** The name LiteLLM's {@code litellm_callback_logging_failures_metric} gives it. */
	default String metricName() {
		return name();
	}

	/**
	 * Whether the callback takes successful or failed calls beyond what the lists naming
	 * it say ({@code event_types} of a {@code callback_settings} entry); both by default.
	 */
	default boolean logs(boolean success) {
		return true;
	}

	/** How the callback's entries are batched. */
	Batching batching();

	/**
	 * Sends a batch.
	 * @param batch the entries, oldest first
	 * @return what was not delivered
	 */
	Sent send(List<LogEntry> batch);

	@Override
	default void close() {
	}

	/**
	 * How a callback's entries leave.
	 *
	 * @param size the most entries sent at once
	 * @param flushInterval the longest an entry waits for its batch to fill
	 * @param maxBytes the most JSON one batch carries (a collector's request limit); a
	 * batch has at least one entry whatever its size
	 */
	record Batching(int size, Duration flushInterval, long maxBytes) {

		/** A batch of at least one entry, however a setting was given. */
		public Batching {
			size = Math.max(1, size);
		}

		public Batching(int size, Duration flushInterval) {
			this(size, flushInterval, Long.MAX_VALUE);
		}

	}

	/**
	 * The result of one send.
	 *
	 * @param retry entries that failed for a reason that may pass (a 5xx, 429, a network
	 * error), to send again
	 * @param refused entries the collector refused for good (a 4xx), dropped
	 * @param error what went wrong, for the log; null when all went
	 */
	record Sent(List<LogEntry> retry, int refused, @Nullable String error) {

		public static final Sent ALL = new Sent(List.of(), 0, null);

		public static Sent retry(List<LogEntry> batch, String error) {
			return new Sent(batch, 0, error);
		}

		public static Sent refused(List<LogEntry> batch, String error) {
			return new Sent(List.of(), batch.size(), error);
		}

	}

}
