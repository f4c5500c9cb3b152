package dev.llmgw.gateway.providers.sagemaker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.llmgw.gateway.providers.SseEvent;
import org.jspecify.annotations.Nullable;

/**
 * Reassembles the lines a container streamed from SageMaker's {@code PayloadPart}s, which
 * keep no line boundaries: a part may end anywhere, inside a line or inside a UTF-8
 * character, so bytes are kept as bytes until a line is whole. Each line becomes one
 * event: a server-sent event's {@code data:} line (TGI writes {@code data:} without a
 * space, vLLM and the Messages API with one) or a bare JSON line (LMI containers), as
 * LiteLLM's decoder reads both; blank lines, comments and other SSE fields are skipped.
 * One per stream.
 */
final class PayloadLines {

	private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

	private byte[] pending = new byte[256];

	private int length;

	/**
	 * @param part the bytes of one PayloadPart
	 * @return the events of the lines these bytes complete
	 */
	List<SseEvent> feed(byte[] part) {
		List<SseEvent> events = null;
		for (byte b : part) {
			if (b == '\n') {
				SseEvent event = endLine();
				if (event != null) {
					events = (events != null) ? events : new ArrayList<>(2);
					events.add(event);
				}
			}
			else {
				if (this.length == this.pending.length) {
					this.pending = Arrays.copyOf(this.pending, this.pending.length * 2);
				}
				this.pending[this.length++] = b;
			}
		}
		return (events != null) ? events : List.of();
	}

	/**
	 * @return the event of a last line the container did not end, or null
	 */
	@Nullable SseEvent finish() {
		return (this.length > 0) ? endLine() : null;
	}

	private @Nullable SseEvent endLine() {
		int end = this.length;
		this.length = 0;
		if (end > 0 && this.pending[end - 1] == '\r') {
			end--;
		}
		int start = 0;
		while (start < end && (this.pending[start] == ' ' || this.pending[start] == '\t')) {
			start++;
		}
		if (start == end || this.pending[start] == ':') {
			return null;
		}
		if (startsWith(start, end, DATA)) {
			start += DATA.length;
			if (start < end && this.pending[start] == ' ') {
				start++;
			}
		}
		else if (this.pending[start] != '{' && this.pending[start] != '[') {
			// event:, id:, retry: and anything else that is neither data nor JSON
			return null;
		}
		return new SseEvent(null, Arrays.copyOfRange(this.pending, start, end));
	}

	private boolean startsWith(int start, int end, byte[] prefix) {
		if (end - start < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (this.pending[start + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

}
