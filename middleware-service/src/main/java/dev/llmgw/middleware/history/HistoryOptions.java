package dev.llmgw.middleware.history;

import java.util.Map;

import dev.llmgw.model.bedrock.ConverseRequest;
import dev.llmgw.model.openai.MiddlewareFields;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A call's history switches: {@code enable_history: true} starts a session,
 * {@code session_id} continues one. Top-level fields on the OpenAI interface (the SDKs'
 * {@code extra_body}), inside {@code additionalModelRequestFields} on the Converse one.
 *
 * @param enabled whether history was asked for
 * @param sessionId the session to continue, or null for a new one
 */
public record HistoryOptions(boolean enabled, @Nullable String sessionId) {

	private static final HistoryOptions OFF = new HistoryOptions(false, null);

	/** The field names, which never reach the gateway. */
	public static final String ENABLE = MiddlewareFields.ENABLE_HISTORY;

	public static final String SESSION_ID = MiddlewareFields.SESSION_ID;

	/**
	 * Reads the switches of an OpenAI chat request and takes them out of it.
	 * @param request the request
	 * @return the switches
	 */
	public static HistoryOptions takeFrom(ObjectNode request) {
		HistoryOptions options = read(request);
		request.remove(ENABLE);
		request.remove(SESSION_ID);
		return options;
	}

	/**
	 * @param converse a Converse request
	 * @return the switches in its {@code additionalModelRequestFields}
	 */
	public static HistoryOptions ofConverse(ConverseRequest converse) {
		Map<String, @Nullable Object> fields = converse.additionalModelRequestFields();
		if (fields == null) {
			return OFF;
		}
		Object id = fields.get(SESSION_ID);
		String sessionId = (id instanceof String given && !given.isBlank()) ? given.trim() : null;
		Object enable = fields.get(ENABLE);
		boolean enabled = Boolean.TRUE.equals(enable) || "true".equalsIgnoreCase(String.valueOf(enable))
				|| (enable instanceof Number number && number.doubleValue() != 0);
		return (sessionId != null || enabled) ? new HistoryOptions(true, sessionId) : OFF;
	}

	private static HistoryOptions read(JsonNode fields) {
		JsonNode id = fields.path(SESSION_ID);
		String sessionId = (id.isString() && !id.asString().isBlank()) ? id.asString().trim() : null;
		JsonNode enable = fields.path(ENABLE);
		boolean enabled = enable.asBoolean(false) || "true".equalsIgnoreCase(enable.asString(""));
		return (sessionId != null || enabled) ? new HistoryOptions(true, sessionId) : OFF;
	}

}
