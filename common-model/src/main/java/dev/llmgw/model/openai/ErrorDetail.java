package dev.llmgw.model.openai;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The inside of an OpenAI error body. {@code param} and {@code code} are always written,
 * as null when unknown, because some clients index them without checking.
 *
 * @param message what went wrong, for a person
 * @param type error class, e.g. {@code invalid_request_error}
 * @param param the request field at fault
 * @param code a machine-readable code, e.g. {@code context_length_exceeded}
 * @param providerSpecificFields LiteLLM's {@code provider_specific_fields}: what a
 * guardrail found, for example; written only when there is something
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ErrorDetail(@JsonProperty("message") String message, @JsonProperty("type") String type,
		@JsonProperty("param") @Nullable String param, @JsonProperty("code") @Nullable String code,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("provider_specific_fields") @Nullable Map<String, Object> providerSpecificFields) {

	public ErrorDetail(String message, String type, @Nullable String param, @Nullable String code) {
		this(message, type, param, code, null);
	}

}
