package dev.llmgw.model.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a chat completion or chunk that the gateway reads while passing the body
 * through untouched: its usage, and for chunks whether any choice is present.
 *
 * @param usage token usage, absent on most chunks
 * @param choices the choices, read only for their count
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsageEnvelope(@JsonProperty("usage") @Nullable Usage usage,
		@JsonProperty("choices") java.util.@Nullable List<Object> choices) {

	public boolean hasChoices() {
		return this.choices != null && !this.choices.isEmpty();
	}

}
