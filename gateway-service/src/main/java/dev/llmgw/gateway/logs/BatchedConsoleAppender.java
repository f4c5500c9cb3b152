package dev.llmgw.gateway.logs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;

/**
 * The access log's appender: the request's thread only queues the line, and one
 * background thread writes what has queued meanwhile to the console in one write and one
 * flush, instead of a write and a flush per line (logback's asynchronous appender over
 * its console appender flushes every line). Under load that is a few writes per thousand
 * requests; when idle, each line still leaves at once. Writes stay at most 4 KB of whole
 * lines, so a line never interleaves with another writer's on a pipe (the container's log
 * driver reads one). After each write the writer rests {@value #LINGER_MILLIS} ms, so
 * that under load lines gather into batches: waking for every line or two (as it did,
 * being faster than the requests) cost about 10 microseconds a line on its thread and a
 * wake-up call on the request's. A line waits at most that long. A full queue drops the
 * line rather than delay a request, and counts it; stopping writes everything queued
 * first (within two seconds).
 */
public final class BatchedConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

	/** A pipe takes a write of this size whole, never interleaved with another's. */
	static final int MAX_WRITE = 4096;

	private static final long STOP_WAIT_MILLIS = 2000;

	static final long LINGER_MILLIS = 2;

	private Encoder<ILoggingEvent> encoder;

	private int queueSize = 16384;

	private BlockingQueue<ILoggingEvent> queue;

	private Thread writer;

	private final AtomicLong dropped = new AtomicLong();

	/** The console, read at every write: tests replace System.out to capture it. */
	private PrintStream console() {
		return System.out;
	}

	public void setEncoder(Encoder<ILoggingEvent> encoder) {
		this.encoder = encoder;
	}

	public void setQueueSize(int queueSize) {
		this.queueSize = queueSize;
	}

	/** Lines dropped because the queue was full. */
	public long dropped() {
		return this.dropped.get();
	}

	@Override
	public void start() {
		if (this.encoder == null) {
			addError("No encoder set for the appender named \"" + this.name + "\".");
			return;
		}
		this.queue = new ArrayBlockingQueue<>(this.queueSize);
		this.writer = new Thread(this::writeUntilStopped, "access-log-writer");
		this.writer.setDaemon(true);
		super.start();
		this.writer.start();
	}

	@Override
	protected void append(ILoggingEvent event) {
		// the message is formatted here, while its arguments are still what they were
		event.prepareForDeferredProcessing();
		if (!this.queue.offer(event)) {
			this.dropped.incrementAndGet();
		}
	}

	@Override
	public void stop() {
		if (!isStarted()) {
			return;
		}
		super.stop();
		this.writer.interrupt();
		try {
			this.writer.join(STOP_WAIT_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void writeUntilStopped() {
		List<ILoggingEvent> batch = new ArrayList<>();
		ByteArrayOutputStream chunk = new ByteArrayOutputStream(MAX_WRITE);
		try {
			while (isStarted()) {
				ILoggingEvent first = this.queue.poll(1, TimeUnit.SECONDS);
				if (first != null) {
					batch.add(first);
					this.queue.drainTo(batch);
					write(batch, chunk);
					Thread.sleep(LINGER_MILLIS);
				}
			}
		}
		catch (InterruptedException ex) {
			// stopping: what is queued is still written below
		}
		this.queue.drainTo(batch);
		write(batch, chunk);
	}

	/**
	 * Writes a batch in whole lines, at most {@link #MAX_WRITE} bytes a write, flushed
	 * once.
	 */
	private void write(List<ILoggingEvent> batch, ByteArrayOutputStream chunk) {
		if (batch.isEmpty()) {
			return;
		}
		PrintStream console = console();
		for (ILoggingEvent event : batch) {
			byte[] line;
			try {
				line = this.encoder.encode(event);
			}
			catch (RuntimeException ex) {
				addError("Could not encode an access log line", ex);
				continue;
			}
			if (chunk.size() > 0 && chunk.size() + line.length > MAX_WRITE) {
				console.write(chunk.toByteArray(), 0, chunk.size());
				chunk.reset();
			}
			chunk.write(line, 0, line.length);
		}
		if (chunk.size() > 0) {
			console.write(chunk.toByteArray(), 0, chunk.size());
			chunk.reset();
		}
		console.flush();
		batch.clear();
	}

}
