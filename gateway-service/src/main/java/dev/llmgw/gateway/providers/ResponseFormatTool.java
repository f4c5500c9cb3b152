package dev.llmgw.gateway.providers;

import org.jspecify.annotations.Nullable;

/**
 * Structured output for providers without a structured-output switch (Anthropic, Bedrock
 * Converse), as LiteLLM does it: a JSON-schema {@code response_format} becomes a tool the
 * model is forced to call, and that call's input comes back as the message's text, with
 * finish reason {@code stop}.
 */
public final class ResponseFormatTool {

	/** The tool's name, LiteLLM's. */
	public static final String NAME = "json_tool_call";

	public static final String DESCRIPTION = "Answer in this JSON shape";

	private ResponseFormatTool() {
	}

	public static boolean isTool(@Nullable String name) {
		return NAME.equals(name);
	}

}
