package dev.llmgw.gateway.providers.sagemaker;

import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;

/**
 * Token counts for a TGI answer, which reports none unless asked for details: the
 * gateway's estimate of about four characters a token (as for any provider that reports
 * no usage), or the container's own counts where it sent them. LiteLLM counts them with a
 * tokenizer of its own; either way they are the gateway's figures, not the model's.
 */
final class LocalUsage {

	private LocalUsage() {
	}

	static long tokens(long characters) {
		return (characters + 3) / 4;
	}

	/**
	 * @param promptCharacters the prompt's length
	 * @param completionCharacters the answer's length
	 * @param details the container's counts, or null
	 */
	static Usage of(long promptCharacters, long completionCharacters, @Nullable TgiDetails details) {
		long prompt = (details != null && details.inputLength() != null) ? details.inputLength()
				: tokens(promptCharacters);
		long completion = (details != null && details.generatedTokens() != null) ? details.generatedTokens()
				: tokens(completionCharacters);
		return Usage.of(prompt, completion);
	}

}
