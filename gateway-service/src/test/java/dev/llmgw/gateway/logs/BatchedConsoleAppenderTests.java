package dev.llmgw.gateway.logs;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access log's appender writes every line, in order, in whole-line writes of at most
 * 4 KB, a batch per write, and everything queued when it stops; a full queue drops and
 * counts.
 */
class BatchedConsoleAppenderTests {

	@Test
	void linesQueuedWhileTheConsoleIsBusyLeaveInFewWholeLineWrites() throws Exception {
		Console console = new Console();
		PrintStream original = System.out;
		System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
		try {
			LoggerContext context = new LoggerContext();
			BatchedConsoleAppender appender = appender(context, 16384);
			appender.doAppend(event(context, "line 0 key=sk-abcdefghijklmnop1234"));
			assertThat(console.firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
			for (int i = 1; i < 1000; i++) {
				appender.doAppend(event(context, "line " + i));
			}
			console.release.countDown();
			appender.stop();
			String written = console.bytes.toString(StandardCharsets.UTF_8);
			List<String> lines = written.lines().toList();
			assertThat(lines).hasSize(1000);
			for (int i = 0; i < 1000; i++) {
				assertThat(lines.get(i)).startsWith("line " + i);
			}
			assertThat(lines.get(0)).as("secrets masked").doesNotContain("sk-abcdefghijklmnop1234");
			assertThat(console.writes).as("a write per batch of lines, not per line").hasSizeLessThan(20);
			assertThat(console.writes).allSatisfy((size) -> assertThat(size).isLessThanOrEqualTo(4096));
			assertThat(written).endsWith("\n");
			assertThat(appender.dropped()).isZero();
		}
		finally {
			System.setOut(original);
		}
	}

	@Test
	void aSteadyStreamOfLinesIsWrittenInBatchesNotLineByLine() throws Exception {
		Console console = new Console();
		console.release.countDown();
		PrintStream original = System.out;
		System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
		try {
			LoggerContext context = new LoggerContext();
			BatchedConsoleAppender appender = appender(context, 16384);
			// a line every 100 microseconds for about 0.2 s: a writer that wakes for each
			// keeps up, and writes them one or two at a time
			long next = System.nanoTime();
			for (int i = 0; i < 2000; i++) {
				appender.doAppend(event(context, "steady " + i));
				next += 100_000;
				while (System.nanoTime() < next) {
					Thread.onSpinWait();
				}
			}
			appender.stop();
			assertThat(console.bytes.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(2000);
			assertThat(console.writes).as("writes for 2,000 lines in 0.2 s").hasSizeLessThan(400);
		}
		finally {
			System.setOut(original);
		}
	}

	@Test
	void aFullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
		Console console = new Console();
		PrintStream original = System.out;
		System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
		try {
			LoggerContext context = new LoggerContext();
			BatchedConsoleAppender appender = appender(context, 10);
			appender.doAppend(event(context, "first"));
			assertThat(console.firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
			for (int i = 0; i < 30; i++) {
				appender.doAppend(event(context, "more " + i));
			}
			assertThat(appender.dropped()).isEqualTo(20);
			console.release.countDown();
			appender.stop();
			assertThat(console.bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(11);
		}
		finally {
			System.setOut(original);
		}
	}

	private static BatchedConsoleAppender appender(LoggerContext context, int queueSize) {
		// as a configured context has, for the events' deferred processing
		context.setMDCAdapter(new LogbackMDCAdapter());
		SecretMaskingEncoder encoder = new SecretMaskingEncoder();
		encoder.setContext(context);
		encoder.setPattern("%msg%n");
		encoder.start();
		BatchedConsoleAppender appender = new BatchedConsoleAppender();
		appender.setContext(context);
		appender.setName("test");
		appender.setEncoder(encoder);
		appender.setQueueSize(queueSize);
		appender.start();
		return appender;
	}

	private static LoggingEvent event(LoggerContext context, String message) {
		return new LoggingEvent("test", context.getLogger("dev.llmgw.gateway.access"), Level.INFO, message, null, null);
	}

	/**
	 * A console whose first write waits to be released, so that lines queue behind it.
	 */
	private static final class Console extends OutputStream {

		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		final List<Integer> writes = new ArrayList<>();

		final CountDownLatch firstWriteStarted = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@Override
		public void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] data, int offset, int length) {
			// System.out is the whole JVM's: a thread left by an earlier test (a
			// gateway's
			// logger) may print here too, and must neither count as the appender's first
			// write nor hold the console
			if (!Thread.currentThread().getName().equals("access-log-writer")) {
				return;
			}
			record(data, offset, length);
		}

		private synchronized void record(byte[] data, int offset, int length) {
			if (this.firstWriteStarted.getCount() > 0) {
				this.firstWriteStarted.countDown();
				try {
					this.release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			this.writes.add(length);
			this.bytes.write(data, offset, length);
		}

	}

}
