package dev.llmgw.gateway.providers;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * One server-sent event as a provider sent it.
 *
 * @param event the {@code event:} field, null when absent (OpenAI sends none)
 * @param data the {@code data:} lines joined by newlines, as bytes
 */
public record SseEvent(@Nullable String event, byte[] data) {

	private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

	public boolean isDone() {
		return java.util.Arrays.equals(this.data, DONE);
	}

}
