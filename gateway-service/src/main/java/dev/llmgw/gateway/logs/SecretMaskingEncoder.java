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
 * (logback-spring.xml).
 */
public final class SecretMaskingEncoder extends PatternLayoutEncoder {

	@Override
	public byte[] encode(ILoggingEvent event) {
		Charset charset = (getCharset() != null) ? getCharset() : StandardCharsets.UTF_8;
		return LogValues.maskSecrets(getLayout().doLayout(event)).getBytes(charset);
	}

}
