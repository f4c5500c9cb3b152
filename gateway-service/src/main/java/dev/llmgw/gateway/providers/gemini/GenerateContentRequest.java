package dev.llmgw.gateway.providers.gemini;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The body of Gemini's {@code generateContent} and {@code streamGenerateContent}
 * (https://ai.google.dev/api/generate-content#request-body).
 *
 * @param contents the conversation
 * @param systemInstruction the system and developer messages
 * @param tools the functions the model may call
 * @param toolConfig how it may call them
 * @param safetySettings as the caller or the deployment gave them
 * @param generationConfig sampling, length, stop sequences and output format
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GenerateContentRequest(@JsonProperty("contents") List<GeminiContent> contents,
		@JsonProperty("systemInstruction") @Nullable GeminiContent systemInstruction,
		@JsonProperty("tools") @Nullable List<Tool> tools, @JsonProperty("toolConfig") @Nullable ToolConfig toolConfig,
		@JsonProperty("safetySettings") @Nullable Object safetySettings,
		@JsonProperty("generationConfig") @Nullable GenerationConfig generationConfig) {

	/**
	 * @param functionDeclarations every function, in one tool as Gemini wants them
	 */
	record Tool(@JsonProperty("functionDeclarations") List<FunctionDeclaration> functionDeclarations) {
	}

	/**
	 * @param name the function's name
	 * @param description what it does
	 * @param parameters its arguments as a Gemini schema (an OpenAPI subset)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record FunctionDeclaration(@JsonProperty("name") String name,
			@JsonProperty("description") @Nullable String description,
			@JsonProperty("parameters") @Nullable Map<String, Object> parameters) {
	}

	/**
	 * @param functionCallingConfig the mode
	 */
	record ToolConfig(@JsonProperty("functionCallingConfig") FunctionCallingConfig functionCallingConfig) {
	}

	/**
	 * @param mode AUTO, ANY or NONE
	 * @param allowedFunctionNames with ANY, the functions it may call
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record FunctionCallingConfig(@JsonProperty("mode") String mode,
			@JsonProperty("allowedFunctionNames") @Nullable List<String> allowedFunctionNames) {
	}

	/**
	 * https://ai.google.dev/api/generate-content#generationconfig
	 *
	 * @param stopSequences up to five stop sequences
	 * @param candidateCount answers to generate (OpenAI's n)
	 * @param maxOutputTokens the most tokens to generate
	 * @param temperature sampling temperature
	 * @param topP nucleus sampling
	 * @param topK top-k sampling
	 * @param seed the sampling seed
	 * @param presencePenalty OpenAI's presence penalty
	 * @param frequencyPenalty OpenAI's frequency penalty
	 * @param responseMimeType {@code application/json} for JSON answers
	 * @param responseSchema the answer's schema
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record GenerationConfig(@JsonProperty("stopSequences") @Nullable List<String> stopSequences,
			@JsonProperty("candidateCount") @Nullable Integer candidateCount,
			@JsonProperty("maxOutputTokens") @Nullable Integer maxOutputTokens,
			@JsonProperty("temperature") @Nullable Double temperature, @JsonProperty("topP") @Nullable Double topP,
			@JsonProperty("topK") @Nullable Integer topK, @JsonProperty("seed") @Nullable Integer seed,
			@JsonProperty("presencePenalty") @Nullable Double presencePenalty,
			@JsonProperty("frequencyPenalty") @Nullable Double frequencyPenalty,
			@JsonProperty("responseMimeType") @Nullable String responseMimeType,
			@JsonProperty("responseSchema") @Nullable Map<String, Object> responseSchema) {

		@JsonIgnore
		boolean isEmpty() {
			return this.stopSequences == null && this.candidateCount == null && this.maxOutputTokens == null
					&& this.temperature == null && this.topP == null && this.topK == null && this.seed == null
					&& this.presencePenalty == null && this.frequencyPenalty == null && this.responseMimeType == null
					&& this.responseSchema == null;
		}

	}

}
