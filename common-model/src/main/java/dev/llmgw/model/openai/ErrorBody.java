package dev.llmgw.model.openai;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The OpenAI error envelope, {@code {"error": {...}}}, which the OpenAI SDKs turn into
 * typed exceptions by status.
 *
 * @param error the error
 */
public record ErrorBody(@JsonProperty("error") ErrorDetail error) {

}
