package dev.llmgw.gateway.responses;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A response object (https://platform.openai.com/docs/api-reference/responses/object),
 * every field written, nulls included, in OpenAI's order: the SDKs require most of them.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record ResponseObject(@JsonProperty("id") String id, @JsonProperty("object") String object,
		@JsonProperty("created_at") long createdAt, @JsonProperty("status") String status,
		@JsonProperty("background") boolean background,
		@JsonProperty("error") @Nullable Map<String, @Nullable Object> error,
		@JsonProperty("incomplete_details") @Nullable Map<String, @Nullable Object> incompleteDetails,
		@JsonProperty("instructions") @Nullable Object instructions,
		@JsonProperty("max_output_tokens") @Nullable Integer maxOutputTokens, @JsonProperty("model") String model,
		@JsonProperty("output") List<Map<String, @Nullable Object>> output,
		@JsonProperty("parallel_tool_calls") boolean parallelToolCalls,
		@JsonProperty("previous_response_id") @Nullable String previousResponseId,
		@JsonProperty("reasoning") Map<String, @Nullable Object> reasoning, @JsonProperty("store") boolean store,
		@JsonProperty("temperature") @Nullable Double temperature, @JsonProperty("text") Map<String, Object> text,
		@JsonProperty("tool_choice") Object toolChoice,
		@JsonProperty("tools") List<Map<String, @Nullable Object>> tools, @JsonProperty("top_p") @Nullable Double topP,
		@JsonProperty("truncation") String truncation, @JsonProperty("usage") @Nullable ResponseUsage usage,
		@JsonProperty("user") @Nullable String user, @JsonProperty("metadata") Map<String, @Nullable Object> metadata) {

	static final String OBJECT = "response";

}
