package dev.llmgw.model.openai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A non-streaming chat completion, as built by adapters that translate a provider's own
 * answer (https://platform.openai.com/docs/api-reference/chat/object).
 *
 * @param id completion id
 * @param object always {@code chat.completion}
 * @param created seconds since the epoch
 * @param model the model that answered
 * @param choices the answers, usually one
 * @param usage token usage
 * @param extra provider additions LiteLLM also returns (Bedrock's guardrail
 * {@code trace}, ...), written as top-level fields
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletion(@JsonProperty("id") String id, @JsonProperty("object") String object,
		@JsonProperty("created") long created, @JsonProperty("model") String model,
		@JsonProperty("choices") List<ChatChoice> choices, @JsonProperty("usage") @Nullable Usage usage,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	public static final String OBJECT = "chat.completion";

	public ChatCompletion {
		extra = (extra != null) ? extra : new LinkedHashMap<>();
	}

	public static ChatCompletion of(String id, long created, String model, ChatChoice choice, Usage usage) {
		return new ChatCompletion(id, OBJECT, created, model, List.of(choice), usage, new LinkedHashMap<>());
	}

}
