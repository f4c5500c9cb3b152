package dev.llmgw.gateway.logging;

/**
 * One call's payload as it waits for a callback: the payload, for callbacks that reshape
 * it, and its JSON, written once for all of them.
 *
 * @param payload the call's standard logging payload
 * @param json the payload as JSON
 */
public record LogEntry(StandardLoggingPayload payload, byte[] json) {

	/**
	 * About how much memory the entry holds: its JSON, and the payload's parsed copy of
	 * the same text.
	 */
	public long bytes() {
		return 2L * this.json.length;
	}

}
