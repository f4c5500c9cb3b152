package dev.llmgw.gateway.providers.gemini;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.jspecify.annotations.Nullable;

/**
 * Gemini's answer, whole or one event of a stream
 * (https://ai.google.dev/api/generate-content#generatecontentresponse). Only read, so
 * fields not named here are ignored; a stream's error event carries {@link #error}.
 *
 * @param candidates the answers
 * @param promptFeedback why a prompt was refused
 * @param usageMetadata token counts, running totals in a stream
 * @param error an error sent after the stream began
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record GenerateContentResponse(
		@JsonProperty("candidates") @JsonSetter(contentNulls = Nulls.FAIL) @Nullable List<Candidate> candidates,
		@JsonProperty("promptFeedback") @Nullable PromptFeedback promptFeedback,
		@JsonProperty("usageMetadata") @Nullable UsageMetadata usageMetadata,
		@JsonProperty("error") @Nullable Map<String, @Nullable Object> error) {

	List<Candidate> candidateList() {
		return (this.candidates != null) ? this.candidates : List.of();
	}

	/**
	 * @param content the answer
	 * @param finishReason why it ended
	 * (https://ai.google.dev/api/generate-content#FinishReason)
	 * @param index its position among the candidates
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Candidate(@JsonProperty("content") @Nullable GeminiContent content,
			@JsonProperty("finishReason") @Nullable String finishReason,
			@JsonProperty("index") @Nullable Integer index) {

		List<GeminiContent.Part> parts() {
			return (this.content != null && this.content.parts() != null) ? this.content.parts() : List.of();
		}

	}

	/**
	 * @param blockReason why the prompt was refused
	 * @param blockReasonMessage in words
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record PromptFeedback(@JsonProperty("blockReason") @Nullable String blockReason,
			@JsonProperty("blockReasonMessage") @Nullable String blockReasonMessage) {
	}

	/**
	 * https://ai.google.dev/api/generate-content#UsageMetadata
	 *
	 * @param promptTokenCount the prompt, cached tokens included
	 * @param candidatesTokenCount the answers
	 * @param thoughtsTokenCount thinking, billed as output
	 * @param cachedContentTokenCount the prompt's cached share
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record UsageMetadata(@JsonProperty("promptTokenCount") @Nullable Long promptTokenCount,
			@JsonProperty("candidatesTokenCount") @Nullable Long candidatesTokenCount,
			@JsonProperty("thoughtsTokenCount") @Nullable Long thoughtsTokenCount,
			@JsonProperty("cachedContentTokenCount") @Nullable Long cachedContentTokenCount) {

		static long count(@Nullable Long value) {
			return (value != null) ? value : 0;
		}

	}

}
