package dev.llmgw.gateway.providers.sagemaker;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One generation of a TGI container's answer, {@code [{"generated_text"}]}; older
 * JumpStart containers name it {@code generation}, which LiteLLM also reads.
 *
 * @param generatedText TGI's text
 * @param generation the older containers' text
 * @param details the finish reason and token counts, when {@code details} was asked for
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TgiGeneration(@JsonProperty("generated_text") @Nullable String generatedText,
		@JsonProperty("generation") @Nullable String generation,
		@JsonProperty("details") @Nullable TgiDetails details) {

	@Nullable String text() {
		return (this.generatedText != null) ? this.generatedText : this.generation;
	}

}
