package dev.llmgw.gateway.logging;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One call's payload as it waits for its callbacks: its JSON, written once for all of
 * them, and the few fields that name and file it. Only the JSON is kept, not the parsed
 * payload: entries wait up to a flush interval (S3's is 10 s), and a payload's tree of
 * small objects kept that long would be copied by every young collection before being
 * promoted; one array per entry costs the collector almost nothing. The callbacks that
 * reshape a payload (Langfuse, LangSmith) read it back on their own thread.
 *
 * @param json the standard logging payload as JSON
 * @param summary what names and files it
 */
public record LogEntry(byte[] json, Summary summary) {

	public static LogEntry of(StandardLoggingPayload payload, byte[] json) {
		return new LogEntry(json, new Summary(payload.id(), payload.litellmCallId(), payload.startTime(),
				payload.metadata().userApiKeyTeamAlias(), payload.metadata().userApiKeyAlias()));
	}

	/** The payload, read back from its JSON. */
	public StandardLoggingPayload payload(JsonMapper mapper) {
		return mapper.readValue(this.json, StandardLoggingPayload.class);
	}

	/** About how much memory the entry holds. */
	public long bytes() {
		return this.json.length;
	}

	/**
	 * The fields a callback needs without reading the payload.
	 *
	 * @param id the payload's {@code id}
	 * @param callId its {@code litellm_call_id}
	 * @param startTime its {@code startTime}
	 * @param teamAlias its key's team's alias
	 * @param keyAlias its key's alias
	 */
	public record Summary(String id, String callId, double startTime, @Nullable String teamAlias,
			@Nullable String keyAlias) {
	}

}
