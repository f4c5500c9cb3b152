package dev.llmgw.gateway.providers;

import java.util.Map;

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

	/**
	 * @param responseFormat the request's {@code response_format}
	 * @return the schema the answer must follow, or null when none is asked for
	 * ({@code text}, or no response_format)
	 */
	public static @Nullable Object schema(@Nullable Object responseFormat) {
		if (!(responseFormat instanceof Map<?, ?> map)) {
			return null;
		}
		if ("json_schema".equals(map.get("type")) && map.get("json_schema") instanceof Map<?, ?> jsonSchema) {
			return jsonSchema.get("schema");
		}
		if ("json_object".equals(map.get("type"))) {
			return Map.of("type", "object");
		}
		return null;
	}

	public static boolean isTool(@Nullable String name) {
		return NAME.equals(name);
	}

}
