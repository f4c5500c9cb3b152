package dev.llmgw.gateway.providers.bedrock;

import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI tool call's {@code arguments}, a JSON string, as the object Converse wants.
 */
final class ToolArguments {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private ToolArguments() {
	}

	static Object parse(@Nullable Object arguments) {
		if (arguments == null || (arguments instanceof String text && text.isBlank())) {
			return Map.of();
		}
		if (!(arguments instanceof String text)) {
			return arguments;
		}
		try {
			return MAPPER.readValue(text, Object.class);
		}
		catch (JacksonException ex) {
			throw new BadRequestError("Invalid tool call arguments: not JSON: " + ex.getOriginalMessage(), null,
					"messages");
		}
	}

	static String json(@Nullable Object value) {
		return MAPPER.writeValueAsString((value != null) ? value : Map.of());
	}

}
