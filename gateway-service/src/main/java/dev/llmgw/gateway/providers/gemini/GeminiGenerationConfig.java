package dev.llmgw.gateway.providers.gemini;

import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.ParamValues;
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

	static GenerateContentRequest.@Nullable GenerationConfig of(ChatCompletionRequest request,
			Map<String, Object> defaults) {
		Object stop = param(request, defaults, "stop");
		List<String> stopSequences = null;
		if (stop instanceof String one) {
			stopSequences = List.of(one);
		}
		else if (stop instanceof List<?> many && !many.isEmpty()) {
			stopSequences = many.stream().map(String::valueOf).toList();
		}
		Object n = request.extra().get("n");
		Integer candidateCount = (n instanceof Number count && count.intValue() != 1) ? count.intValue() : null;
		Object maxTokens = (request.maxCompletionTokens() != null) ? request.maxCompletionTokens()
				: (request.maxTokens() != null) ? request.maxTokens() : defaults.get("max_tokens");
		ResponseFormat format = request.responseFormat();
		String mimeType = null;
		Map<String, Object> schema = null;
		if (format != null && !ResponseFormat.TEXT.equals(format.type())) {
			if (!ResponseFormat.JSON_OBJECT.equals(format.type())
					&& !ResponseFormat.JSON_SCHEMA.equals(format.type())) {
				throw new BadRequestError("Invalid response_format type: " + format.type(), null, "response_format");
			}
			// json_object asks for JSON of any shape; json_schema adds the schema
			// (https://ai.google.dev/gemini-api/docs/structured-output)
			mimeType = "application/json";
			if (format.jsonSchema() != null && format.jsonSchema().schema() != null) {
				schema = GeminiSchema.clean(format.jsonSchema().schema());
			}
		}
		GenerateContentRequest.GenerationConfig config = new GenerateContentRequest.GenerationConfig(stopSequences,
				candidateCount, ParamValues.integer(maxTokens, "max_tokens"),
				ParamValues.decimal(
						(request.temperature() != null) ? request.temperature() : defaults.get("temperature"),
						"temperature"),
				ParamValues.decimal(param(request, defaults, "top_p"), "top_p"),
				ParamValues.integer(param(request, defaults, "top_k"), "top_k"),
				ParamValues.integer(param(request, defaults, "seed"), "seed"),
				ParamValues.decimal(param(request, defaults, "presence_penalty"), "presence_penalty"),
				ParamValues.decimal(param(request, defaults, "frequency_penalty"), "frequency_penalty"), mimeType,
				schema);
		return config.isEmpty() ? null : config;
	}

	static @Nullable Object param(ChatCompletionRequest request, Map<String, Object> defaults, String name) {
		Object value = request.extra().get(name);
		return (value != null) ? value : defaults.get(name);
	}

}
