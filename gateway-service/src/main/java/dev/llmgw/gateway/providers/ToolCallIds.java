package dev.llmgw.gateway.providers;

/**
 * Tool call ids as another provider may take them. A conversation that began on Gemini
 * carries thought signatures in its ids ({@code call_0__thought__<base64>}); Bedrock and
 * Anthropic accept only {@code [a-zA-Z0-9_-]} there, so a fallback or a continued session
 * on them sends the id without the signature, which only Gemini reads.
 */
public final class ToolCallIds {

	/** The separator Gemini's translator puts between an id and its signature. */
	public static final String THOUGHT_SEPARATOR = "__thought__";

	private ToolCallIds() {
	}

	public static String withoutThoughtSignature(Object id) {
		String text = String.valueOf(id);
		int at = text.indexOf(THOUGHT_SEPARATOR);
		return (at < 0) ? text : text.substring(0, at);
	}

}
