package dev.llmgw.gateway.providers.gemini;

import dev.llmgw.gateway.providers.ToolCallIds;
import org.jspecify.annotations.Nullable;

/**
 * Gemini's thought signatures on function calls. Thinking models (Gemini 3) sign each
 * function call, and refuse a later turn that sends the call back without its signature.
 * OpenAI's wire has no place for it, so, as LiteLLM does, the signature rides in the tool
 * call's id, which clients send back unchanged.
 */
final class ThoughtSignatures {

	private static final String SEPARATOR = ToolCallIds.THOUGHT_SEPARATOR;

	private ThoughtSignatures() {
	}

	/**
	 * @param number the call's number in the answer
	 * @param signature the part's {@code thoughtSignature}, or null
	 * @return the tool call id
	 */
	static String toolCallId(int number, @Nullable String signature) {
		String id = "call_" + number;
		return (signature != null && !signature.isEmpty()) ? id + SEPARATOR + signature : id;
	}

	/** The signature a tool call id carries, or null. */
	static @Nullable String of(@Nullable Object toolCallId) {
		if (toolCallId == null) {
			return null;
		}
		String id = toolCallId.toString();
		int at = id.indexOf(SEPARATOR);
		return (at < 0) ? null : id.substring(at + SEPARATOR.length());
	}

}
