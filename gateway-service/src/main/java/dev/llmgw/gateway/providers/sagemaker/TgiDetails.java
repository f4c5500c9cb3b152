package dev.llmgw.gateway.providers.sagemaker;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * TGI's {@code details} of a generation, sent when the request's {@code details}
 * parameter asks for them (and on a stream's last event).
 *
 * @param finishReason {@code length}, {@code eos_token} or {@code stop_sequence}
 * @param generatedTokens the tokens generated
 * @param inputLength the prompt's tokens (streams only)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TgiDetails(@JsonProperty("finish_reason") @Nullable String finishReason,
		@JsonProperty("generated_tokens") @Nullable Long generatedTokens,
		@JsonProperty("input_length") @Nullable Long inputLength) {

	/** OpenAI's finish reason for TGI's. */
	String openAiFinishReason() {
		return "length".equals(this.finishReason) ? "length" : "stop";
	}

}
