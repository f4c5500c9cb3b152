package dev.llmgw.gateway.providers;

import dev.llmgw.model.openai.Usage;

/**
 * A non-streaming answer, already in OpenAI form.
 *
 * @param body the OpenAI chat completion JSON
 * @param usage its token usage, {@link Usage#NONE} when the provider reported none
 */
public record ChatResult(byte[] body, Usage usage) {

}
