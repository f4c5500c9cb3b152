package dev.llmgw.gateway.providers.gemini;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ResponseFormat;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI sampling parameters as Gemini's {@code generationConfig}
 * (https://ai.google.dev/api/generate-content#generationconfig). A parameter the caller
 * did not set falls back to the deployment's default from {@code litellm_params}.
 */
final class GeminiGenerationConfig {

	private GeminiGenerationConfig() {
	}

	static @Nullable Map<String, Object> of(ChatCompletionRequest request, Map<String, Object> defaults) {
		Map<String, Object> config = new LinkedHashMap<>();
		Object stop = param(request, defaults, "stop");
		if (stop instanceof String one) {
			config.put("stopSequences", List.of(one));
		}
		else if (stop instanceof List<?> many && !many.isEmpty()) {
			config.put("stopSequences", many.stream().map(String::valueOf).toList());
		}
		Object n = request.extra().get("n");
		if (n instanceof Number count && count.intValue() != 1) {
			config.put("candidateCount", count.intValue());
		}
		Object maxTokens = (request.maxCompletionTokens() != null) ? request.maxCompletionTokens()
				: (request.maxTokens() != null) ? request.maxTokens() : defaults.get("max_tokens");
		putNumber(config, "maxOutputTokens", maxTokens, true);
		putNumber(config, "temperature",
				(request.temperature() != null) ? request.temperature() : defaults.get("temperature"), false);
		putNumber(config, "topP", param(request, defaults, "top_p"), false);
		putNumber(config, "topK", param(request, defaults, "top_k"), true);
		putNumber(config, "seed", param(request, defaults, "seed"), true);
		putNumber(config, "presencePenalty", param(request, defaults, "presence_penalty"), false);
		putNumber(config, "frequencyPenalty", param(request, defaults, "frequency_penalty"), false);
		responseFormat(request.responseFormat(), config);
		return config.isEmpty() ? null : config;
	}

	static @Nullable Object param(ChatCompletionRequest request, Map<String, Object> defaults, String name) {
		Object value = request.extra().get(name);
		return (value != null) ? value : defaults.get(name);
	}

	/**
	 * {@code json_object} asks for JSON of any shape; {@code json_schema} adds the schema
	 * (https://ai.google.dev/gemini-api/docs/structured-output).
	 */
	private static void responseFormat(@Nullable ResponseFormat format, Map<String, Object> config) {
		if (format == null || ResponseFormat.TEXT.equals(format.type())) {
			return;
		}
		String type = format.type();
		if (!ResponseFormat.JSON_OBJECT.equals(type) && !ResponseFormat.JSON_SCHEMA.equals(type)) {
			throw new BadRequestError("Invalid response_format type: " + type, null, "response_format");
		}
		config.put("responseMimeType", "application/json");
		if (format.jsonSchema() != null && format.jsonSchema().schema() != null) {
			config.put("responseSchema", GeminiSchema.clean(format.jsonSchema().schema()));
		}
	}

	private static void putNumber(Map<String, Object> config, String key, @Nullable Object value, boolean integer) {
		Number number = null;
		if (value instanceof Number given) {
			number = given;
		}
		else if (value instanceof String text && !text.isBlank()) {
			try {
				number = Double.valueOf(text.trim());
			}
			catch (NumberFormatException ex) {
				throw new BadRequestError("Invalid " + key + ": not a number: " + text, null, key);
			}
		}
		if (number != null) {
			config.put(key, integer ? (Object) number.intValue() : (Object) number.doubleValue());
		}
	}

}
