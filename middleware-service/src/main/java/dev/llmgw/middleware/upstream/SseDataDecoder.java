package dev.llmgw.middleware.upstream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code data:} payloads of the gateway's server-sent events, however the network cut
 * the bytes: an event ends at a blank line (LF or CRLF), its data lines are joined by LF.
 * One per stream.
 */
public final class SseDataDecoder {

	private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

	private final StringBuilder data = new StringBuilder();

	private boolean hasData;

	/**
	 * @param chunk the next bytes
	 * @return the data of the events these bytes complete
	 */
	public List<String> decode(byte[] chunk) {
		List<String> events = null;
		for (byte b : chunk) {
			if (b == '\n') {
				String completed = endLine();
				if (completed != null) {
					events = (events != null) ? events : new ArrayList<>(2);
					events.add(completed);
				}
			}
			else if (b != '\r') {
				this.line.write(b);
			}
		}
		return (events != null) ? events : List.of();
	}

	private String endLine() {
		if (this.line.size() == 0) {
			if (!this.hasData) {
				return null;
			}
			String event = this.data.toString();
			this.data.setLength(0);
			this.hasData = false;
			return event;
		}
		String text = this.line.toString(StandardCharsets.UTF_8);
		this.line.reset();
		if (text.startsWith("data:")) {
			if (this.hasData) {
				this.data.append('\n');
			}
			this.data.append(text.startsWith("data: ") ? text.substring(6) : text.substring(5));
			this.hasData = true;
		}
		return null;
	}

}
