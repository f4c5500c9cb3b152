package dev.llmgw.gateway.providers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Splits a provider's server-sent-event byte stream into events as the bytes arrive,
 * however the network cut them: lines end in LF, CRLF or CR, an empty line ends an event,
 * {@code data:} lines are joined by LF, comments are skipped
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).
 * One decoder per stream; not thread-safe, which a stream never needs.
 */
public final class SseFrameDecoder {

	private byte[] line = new byte[512];

	private int lineLength;

	private byte[] data = new byte[1024];

	private int dataLength;

	private boolean hasData;

	private @Nullable String event;

	private boolean afterCarriageReturn;

	/**
	 * Consumes all readable bytes of {@code buffer}.
	 * @param buffer bytes from the provider; its reader index is advanced to the end
	 * @return the events completed by these bytes, often none or one
	 */
	public List<SseEvent> decode(ByteBuf buffer) {
		List<SseEvent> events = null;
		int end = buffer.writerIndex();
		for (int i = buffer.readerIndex(); i < end; i++) {
			byte b = buffer.getByte(i);
			if (b == '\n' && this.afterCarriageReturn) {
				this.afterCarriageReturn = false;
				continue;
			}
			this.afterCarriageReturn = (b == '\r');
			if (b == '\n' || b == '\r') {
				SseEvent completed = endLine();
				if (completed != null) {
					events = (events != null) ? events : new ArrayList<>(2);
					events.add(completed);
				}
			}
			else {
				appendToLine(b);
			}
		}
		buffer.readerIndex(end);
		return (events != null) ? events : List.of();
	}

	/**
	 * Ends the stream: an event the provider did not close with an empty line is still
	 * delivered.
	 * @return that event, or null
	 */
	public @Nullable SseEvent finish() {
		if (this.lineLength > 0) {
			endLine();
		}
		return this.hasData ? dispatch() : null;
	}

	private @Nullable SseEvent endLine() {
		if (this.lineLength == 0) {
			return this.hasData ? dispatch() : resetEvent();
		}
		int colon = indexOf(this.line, this.lineLength, (byte) ':');
		if (colon != 0) {
			int nameEnd = (colon < 0) ? this.lineLength : colon;
			int valueStart = (colon < 0) ? this.lineLength : colon + 1;
			if (valueStart < this.lineLength && this.line[valueStart] == ' ') {
				valueStart++;
			}
			if (isField("data", nameEnd)) {
				if (this.hasData) {
					appendToData((byte) '\n');
				}
				for (int i = valueStart; i < this.lineLength; i++) {
					appendToData(this.line[i]);
				}
				this.hasData = true;
			}
			else if (isField("event", nameEnd)) {
				this.event = new String(this.line, valueStart, this.lineLength - valueStart, StandardCharsets.UTF_8);
			}
		}
		this.lineLength = 0;
		return null;
	}

	private SseEvent dispatch() {
		SseEvent completed = new SseEvent(this.event, Arrays.copyOf(this.data, this.dataLength));
		resetEvent();
		return completed;
	}

	private @Nullable SseEvent resetEvent() {
		this.dataLength = 0;
		this.hasData = false;
		this.event = null;
		return null;
	}

	private boolean isField(String name, int nameEnd) {
		if (nameEnd != name.length()) {
			return false;
		}
		for (int i = 0; i < nameEnd; i++) {
			if (this.line[i] != name.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private void appendToLine(byte b) {
		if (this.lineLength == this.line.length) {
			this.line = Arrays.copyOf(this.line, this.line.length * 2);
		}
		this.line[this.lineLength++] = b;
	}

	private void appendToData(byte b) {
		if (this.dataLength == this.data.length) {
			this.data = Arrays.copyOf(this.data, this.data.length * 2);
		}
		this.data[this.dataLength++] = b;
	}

	private static int indexOf(byte[] bytes, int length, byte wanted) {
		for (int i = 0; i < length; i++) {
			if (bytes[i] == wanted) {
				return i;
			}
		}
		return -1;
	}

}
