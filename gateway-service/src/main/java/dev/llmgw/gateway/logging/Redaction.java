package dev.llmgw.gateway.logging;

import java.util.Locale;
import java.util.Map;

import dev.llmgw.gateway.auth.CallerIdentity;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * {@code turn_off_message_logging}: prompts and answers out of every callback, replaced
 * as LiteLLM replaces them, so that a consumer sees the shape of a call (its usage, ids,
 * cost) and none of its text.
 */
final class Redaction {

	/** LiteLLM's {@code REDACTED_BY_LITELLM}. */
	static final String REDACTED = "redacted-by-litellm";

	private final JsonMapper mapper;

	private final boolean global;

	Redaction(JsonMapper mapper, boolean global) {
		this.mapper = mapper;
		this.global = global;
	}

	/**
	 * Whether a call's text stays out, in LiteLLM's order: the
	 * {@code litellm-disable-message-redaction} header, then the key's (in the key's or
	 * team's {@code metadata.logging} callback settings), then the request's own
	 * {@code turn_off_message_logging}, then the
	 * {@code x-litellm-enable-message-redaction} header, then the setting.
	 */
	boolean applies(@Nullable LoggedRequest request, Map<String, @Nullable Object> fields,
			@Nullable CallerIdentity caller) {
		if (request != null && present(request.header("litellm-disable-message-redaction"))) {
			return false;
		}
		// the key's (or team's) setting overrides the body's, as LiteLLM writes a key's
		// callback_vars over the request: a caller cannot turn its key's redaction off
		if (caller != null && caller.turnOffMessageLogging() != null) {
			return caller.turnOffMessageLogging();
		}
		Object own = fields.get("turn_off_message_logging");
		if (own instanceof Boolean flag) {
			return flag;
		}
		if (own instanceof String text && !text.isBlank()) {
			return truthy(text);
		}
		if (request != null && (truthy(request.header("x-litellm-enable-message-redaction"))
				|| truthy(request.header("litellm-enable-message-redaction")))) {
			return true;
		}
		return this.global;
	}

	StandardLoggingPayload redact(StandardLoggingPayload payload) {
		JsonNode messages = null;
		if (payload.messages() != null && !payload.messages().isNull()) {
			ArrayNode list = this.mapper.createArrayNode();
			list.addObject().put("role", "user").put("content", REDACTED);
			messages = list;
		}
		return payload.withContent(messages, response(payload.response()));
	}

	private @Nullable JsonNode response(@Nullable JsonNode response) {
		if (response == null || response.isNull()) {
			return response;
		}
		if (response.isString()) {
			return StringNode.valueOf(REDACTED);
		}
		if (response instanceof ObjectNode object && object.path("choices").isArray()) {
			ObjectNode copy = object.deepCopy();
			for (JsonNode choice : copy.get("choices")) {
				if (choice instanceof ObjectNode item) {
					if (item.has("text")) {
						item.put("text", REDACTED);
					}
					for (String part : new String[] { "message", "delta" }) {
						if (item.get(part) instanceof ObjectNode message) {
							message(message);
						}
					}
				}
			}
			return copy;
		}
		return this.mapper.createObjectNode().put("text", REDACTED);
	}

	private static void message(ObjectNode message) {
		if (message.hasNonNull("content")) {
			message.put("content", REDACTED);
		}
		if (message.hasNonNull("reasoning_content")) {
			message.put("reasoning_content", REDACTED);
		}
		if (message.has("thinking_blocks")) {
			message.putNull("thinking_blocks");
		}
		if (message.has("audio")) {
			message.putNull("audio");
		}
		if (message.get("tool_calls") instanceof ArrayNode calls) {
			for (JsonNode call : calls) {
				if (call.get("function") instanceof ObjectNode function && function.has("arguments")) {
					function.put("arguments", REDACTED);
				}
			}
		}
		if (message.get("function_call") instanceof ObjectNode function && function.has("arguments")) {
			function.put("arguments", REDACTED);
		}
	}

	private static boolean present(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	private static boolean truthy(@Nullable String value) {
		if (value == null) {
			return false;
		}
		String text = value.trim().toLowerCase(Locale.ROOT);
		return text.equals("true") || text.equals("1") || text.equals("yes") || text.equals("on");
	}

}
