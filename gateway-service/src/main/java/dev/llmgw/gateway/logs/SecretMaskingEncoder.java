package dev.llmgw.gateway.logs;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's pattern encoder, with secrets masked in the whole written line, stack trace
 * included. Spring writes request lines with their query string into its own logs and
 * exception traces ({@code HTTP GET "/key/info?key=sk-..."} in a checkpoint), which no
 * call site of ours can reach; the encoder is the one place every line passes
 * (logback-spring.xml). With {@code json_logs} it writes each event as a JSON line
 * ({@link JsonLine}) instead of the pattern.
 */
public final class SecretMaskingEncoder extends PatternLayoutEncoder {

	/**
	 * Whether lines are JSON ({@code json_logs}); read from config.yaml after logging has
	 * started, so it is a switch every encoder reads rather than a choice of encoder.
	 */
	private static volatile boolean json;

	/** Whether lines are JSON, for writers that add fields only JSON lines carry. */
	public static boolean jsonLines() {
		return json;
	}

	/** Turns JSON lines on or off for every encoder. */
	public static void jsonLines(boolean on) {
		json = on;
	}

	@Override
	public byte[] encode(ILoggingEvent event) {
		if (json) {
			return JsonLine.of(event).getBytes(StandardCharsets.UTF_8);
		}
		Charset charset = (getCharset() != null) ? getCharset() : StandardCharsets.UTF_8;
		return LogValues.maskSecrets(getLayout().doLayout(event)).getBytes(charset);
	}

}
