package dev.llmgw.gateway.providers.sagemaker;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One event of a TGI stream, {@code data:{"index", "token": {"id", "text", "logprob",
 * "special"}, "generated_text", "details"}}; the last carries the whole
 * {@code generated_text}, and a failure mid-stream is {@code {"error", "error_type"}}
 * (https://huggingface.co/docs/text-generation-inference/conceptual/streaming).
 *
 * @param token the token generated
 * @param details the finish reason and counts, on the last event when asked for
 * @param error a failure of the generation
 * @param errorType its kind, e.g. {@code generation}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TgiStreamEvent(@JsonProperty("token") @Nullable Token token,
		@JsonProperty("details") @Nullable TgiDetails details, @JsonProperty("error") @Nullable String error,
		@JsonProperty("error_type") @Nullable String errorType) {

	/**
	 * @param text the token's text
	 * @param special whether it is a special token (the end-of-sequence marker), which is
	 * not part of the answer's text
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Token(@JsonProperty("text") @Nullable String text, @JsonProperty("special") boolean special) {

	}

}
