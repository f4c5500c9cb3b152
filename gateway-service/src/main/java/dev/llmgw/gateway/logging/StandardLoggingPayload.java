package dev.llmgw.gateway.logging;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * LiteLLM's {@code StandardLoggingPayload}: what every logging callback receives about
 * one call, field for field, so that whatever reads LiteLLM's S3 objects, webhook bodies
 * and Langfuse or LangSmith records reads ours. Every field is written, null or not, as
 * LiteLLM writes them; times are seconds since the epoch with a fraction.
 *
 * @param id the provider's response id, else the call id (always the call id on failure)
 * @param traceId {@code litellm_session_id}, {@code litellm_trace_id}, metadata's
 * {@code session_id} or {@code trace_id}, else the call id
 * @param litellmCallId the call id ({@code x-litellm-call-id})
 * @param callType {@code acompletion}, {@code aembedding}, {@code aimage_generation},
 * {@code anthropic_messages}
 * @param stream true for a streamed call; null otherwise, never false (as LiteLLM)
 * @param responseCost what the call cost in dollars
 * @param costBreakdown not computed (null)
 * @param responseCostFailureDebugInfo not computed (null)
 * @param status {@code success} or {@code failure}
 * @param statusFields the model call's and the guardrails' status
 * @param customLlmProvider the provider family
 * @param totalTokens all tokens
 * @param promptTokens input tokens
 * @param completionTokens output tokens
 * @param startTime when the request arrived
 * @param endTime when the response ended
 * @param completionStartTime when the first byte of the answer went out, else the end
 * @param responseTime seconds to the first byte for a stream, else to the end
 * @param modelMapInformation the price-map entry's name
 * @param model the provider's name of the model
 * @param modelId the deployment's id
 * @param modelGroup the model group that answered
 * @param apiBase the deployment's endpoint
 * @param metadata who made the call
 * @param cacheHit whether the response cache answered
 * @param cacheKey the call's cache key
 * @param savedCacheCost not computed (0)
 * @param requestTags the request's tags and its {@code User-Agent}
 * @param endUser who the call was for
 * @param requesterIpAddress the caller's address
 * @param userAgent the caller's {@code User-Agent}
 * @param messages the prompt (or embedding input), possibly redacted
 * @param response the answer as a chat completion (a stream put back together), {} on
 * failure, possibly redacted
 * @param errorStr the failure's message
 * @param errorInformation the failure, empty strings on success
 * @param modelParameters the request's parameters other than its prompt
 * @param hiddenParams the deployment and cost
 * @param guardrailInformation what each guardrail decided, null when none ran
 * @param standardBuiltInToolsParams not used (null)
 */
@JsonPropertyOrder({ "id", "trace_id", "litellm_call_id", "call_type", "stream", "response_cost", "cost_breakdown",
		"response_cost_failure_debug_info", "status", "status_fields", "custom_llm_provider", "total_tokens",
		"prompt_tokens", "completion_tokens", "startTime", "endTime", "completionStartTime", "response_time",
		"model_map_information", "model", "model_id", "model_group", "api_base", "metadata", "cache_hit", "cache_key",
		"saved_cache_cost", "request_tags", "end_user", "requester_ip_address", "user_agent", "messages", "response",
		"error_str", "error_information", "model_parameters", "hidden_params", "guardrail_information",
		"standard_built_in_tools_params" })
public record StandardLoggingPayload(String id, @JsonProperty("trace_id") String traceId,
		@JsonProperty("litellm_call_id") String litellmCallId, @JsonProperty("call_type") String callType,
		@Nullable Boolean stream, @JsonProperty("response_cost") double responseCost,
		@JsonProperty("cost_breakdown") @Nullable Object costBreakdown,
		@JsonProperty("response_cost_failure_debug_info") @Nullable Object responseCostFailureDebugInfo, String status,
		@JsonProperty("status_fields") StatusFields statusFields,
		@JsonProperty("custom_llm_provider") @Nullable String customLlmProvider,
		@JsonProperty("total_tokens") long totalTokens, @JsonProperty("prompt_tokens") long promptTokens,
		@JsonProperty("completion_tokens") long completionTokens, @JsonProperty("startTime") double startTime,
		@JsonProperty("endTime") double endTime, @JsonProperty("completionStartTime") double completionStartTime,
		@JsonProperty("response_time") double responseTime,
		@JsonProperty("model_map_information") ModelMapInformation modelMapInformation, String model,
		@JsonProperty("model_id") @Nullable String modelId, @JsonProperty("model_group") @Nullable String modelGroup,
		@JsonProperty("api_base") String apiBase, Metadata metadata,
		@JsonProperty("cache_hit") @Nullable Boolean cacheHit, @JsonProperty("cache_key") @Nullable String cacheKey,
		@JsonProperty("saved_cache_cost") double savedCacheCost, @JsonProperty("request_tags") List<String> requestTags,
		@JsonProperty("end_user") @Nullable String endUser,
		@JsonProperty("requester_ip_address") @Nullable String requesterIpAddress,
		@JsonProperty("user_agent") @Nullable String userAgent, @Nullable JsonNode messages,
		@Nullable JsonNode response, @JsonProperty("error_str") @Nullable String errorStr,
		@JsonProperty("error_information") ErrorInformation errorInformation,
		@JsonProperty("model_parameters") Map<String, Object> modelParameters,
		@JsonProperty("hidden_params") HiddenParams hiddenParams,
		@JsonProperty("guardrail_information") @Nullable List<GuardrailInformation> guardrailInformation,
		@JsonProperty("standard_built_in_tools_params") @Nullable Object standardBuiltInToolsParams) {

	public static final String SUCCESS = "success";

	public static final String FAILURE = "failure";

	/** A payload time (seconds since the epoch, with a fraction) as an instant. */
	public static Instant instant(double epochSeconds) {
		long seconds = (long) Math.floor(epochSeconds);
		long micros = Math.min(999_999, Math.round((epochSeconds - seconds) * 1_000_000));
		return Instant.ofEpochSecond(seconds, micros * 1000);
	}

	public boolean success() {
		return SUCCESS.equals(this.status);
	}

	/**
	 * The same payload with other messages and response (redaction, trimming).
	 * @param messages the prompt to log
	 * @param response the answer to log
	 * @return the copy
	 */
	public StandardLoggingPayload withContent(@Nullable JsonNode messages, @Nullable JsonNode response) {
		return new StandardLoggingPayload(this.id, this.traceId, this.litellmCallId, this.callType, this.stream,
				this.responseCost, this.costBreakdown, this.responseCostFailureDebugInfo, this.status,
				this.statusFields, this.customLlmProvider, this.totalTokens, this.promptTokens, this.completionTokens,
				this.startTime, this.endTime, this.completionStartTime, this.responseTime, this.modelMapInformation,
				this.model, this.modelId, this.modelGroup, this.apiBase, this.metadata, this.cacheHit, this.cacheKey,
				this.savedCacheCost, this.requestTags, this.endUser, this.requesterIpAddress, this.userAgent, messages,
				response, this.errorStr, this.errorInformation, this.modelParameters, this.hiddenParams,
				this.guardrailInformation, this.standardBuiltInToolsParams);
	}

	/**
	 * {@code status_fields}.
	 *
	 * @param llmApiStatus {@code success} or {@code failure}
	 * @param guardrailStatus {@code success}, {@code guardrail_intervened},
	 * {@code guardrail_failed_to_respond} or {@code not_run}
	 */
	public record StatusFields(@JsonProperty("llm_api_status") String llmApiStatus,
			@JsonProperty("guardrail_status") String guardrailStatus) {
	}

	/**
	 * {@code model_map_information}.
	 *
	 * @param modelMapKey the price map's name of the model, "" when it has none
	 * @param modelMapValue the price map's entry (not copied: null)
	 */
	public record ModelMapInformation(@JsonProperty("model_map_key") String modelMapKey,
			@JsonProperty("model_map_value") @Nullable Object modelMapValue) {
	}

	/**
	 * {@code metadata}: LiteLLM's {@code StandardLoggingMetadata}. The key's hash only,
	 * never the key.
	 *
	 * @param userApiKeyHash the key's hash
	 * @param userApiKeyAlias the key's alias
	 * @param userApiKeySpend the key's spend before the call
	 * @param userApiKeyMaxBudget the key's budget
	 * @param userApiKeyBudgetResetAt when the key's budget resets
	 * @param userApiKeyTeamId the key's team
	 * @param userApiKeyOrgId the key's organization (none: null)
	 * @param userApiKeyProjectId the key's project (none: null)
	 * @param userApiKeyUserId the key's user
	 * @param userApiKeyTeamAlias the team's alias
	 * @param userApiKeyUserEmail the user's email
	 * @param userApiKeyEndUserId the end user
	 * @param userApiKeyRequestRoute the request's path
	 * @param userApiKeyAuthMetadata the key's metadata (not copied: null)
	 * @param spendLogsMetadata the request's {@code spend_logs_metadata}
	 * @param requesterIpAddress the caller's address
	 * @param userAgent the caller's {@code User-Agent}
	 * @param requesterMetadata the request's own {@code metadata}
	 * @param requesterCustomHeaders the request's {@code x-} headers other than
	 * credentials
	 * @param promptManagementMetadata not used (null)
	 * @param mcpToolCallMetadata not used (null)
	 * @param vectorStoreRequestMetadata not used (null)
	 * @param appliedGuardrails the guardrails that ran
	 * @param usageObject the call's usage
	 * @param coldStorageObjectKey not used (null)
	 * @param teamAlias the team's alias
	 * @param teamId the team
	 */
	public record Metadata(@JsonProperty("user_api_key_hash") @Nullable String userApiKeyHash,
			@JsonProperty("user_api_key_alias") @Nullable String userApiKeyAlias,
			@JsonProperty("user_api_key_spend") @Nullable Double userApiKeySpend,
			@JsonProperty("user_api_key_max_budget") @Nullable Double userApiKeyMaxBudget,
			@JsonProperty("user_api_key_budget_reset_at") @Nullable String userApiKeyBudgetResetAt,
			@JsonProperty("user_api_key_team_id") @Nullable String userApiKeyTeamId,
			@JsonProperty("user_api_key_org_id") @Nullable String userApiKeyOrgId,
			@JsonProperty("user_api_key_project_id") @Nullable String userApiKeyProjectId,
			@JsonProperty("user_api_key_user_id") @Nullable String userApiKeyUserId,
			@JsonProperty("user_api_key_team_alias") @Nullable String userApiKeyTeamAlias,
			@JsonProperty("user_api_key_user_email") @Nullable String userApiKeyUserEmail,
			@JsonProperty("user_api_key_end_user_id") @Nullable String userApiKeyEndUserId,
			@JsonProperty("user_api_key_request_route") @Nullable String userApiKeyRequestRoute,
			@JsonProperty("user_api_key_auth_metadata") @Nullable Object userApiKeyAuthMetadata,
			@JsonProperty("spend_logs_metadata") @Nullable Object spendLogsMetadata,
			@JsonProperty("requester_ip_address") @Nullable String requesterIpAddress,
			@JsonProperty("user_agent") @Nullable String userAgent,
			@JsonProperty("requester_metadata") @Nullable Object requesterMetadata,
			@JsonProperty("requester_custom_headers") @Nullable Map<String, String> requesterCustomHeaders,
			@JsonProperty("prompt_management_metadata") @Nullable Object promptManagementMetadata,
			@JsonProperty("mcp_tool_call_metadata") @Nullable Object mcpToolCallMetadata,
			@JsonProperty("vector_store_request_metadata") @Nullable Object vectorStoreRequestMetadata,
			@JsonProperty("applied_guardrails") List<String> appliedGuardrails,
			@JsonProperty("usage_object") @Nullable Object usageObject,
			@JsonProperty("cold_storage_object_key") @Nullable String coldStorageObjectKey,
			@JsonProperty("team_alias") @Nullable String teamAlias, @JsonProperty("team_id") @Nullable String teamId) {
	}

	/**
	 * {@code error_information}: all empty strings on success.
	 *
	 * @param errorCode the HTTP status as a string
	 * @param errorClass LiteLLM's exception name ({@code RateLimitError})
	 * @param llmProvider the provider, "" when none answered
	 * @param traceback always "": the gateway keeps no stack traces of answers
	 * @param errorMessage the failure's message
	 */
	public record ErrorInformation(@JsonProperty("error_code") String errorCode,
			@JsonProperty("error_class") String errorClass, @JsonProperty("llm_provider") String llmProvider,
			String traceback, @JsonProperty("error_message") String errorMessage) {

		public static final ErrorInformation NONE = new ErrorInformation("", "", "", "", "");

	}

	/**
	 * {@code hidden_params}.
	 *
	 * @param modelId the deployment's id
	 * @param cacheKey the cache key
	 * @param apiBase the deployment's endpoint
	 * @param responseCost the cost
	 * @param litellmOverheadTimeMs the gateway's own time before the provider was called
	 * @param additionalHeaders the provider's rate-limit headers (not kept: null)
	 * @param batchModels not used (null)
	 * @param litellmModelName the deployment's {@code litellm_params.model}
	 * @param usageObject the usage
	 */
	public record HiddenParams(@JsonProperty("model_id") @Nullable String modelId,
			@JsonProperty("cache_key") @Nullable String cacheKey, @JsonProperty("api_base") @Nullable String apiBase,
			@JsonProperty("response_cost") double responseCost,
			@JsonProperty("litellm_overhead_time_ms") @Nullable Double litellmOverheadTimeMs,
			@JsonProperty("additional_headers") @Nullable Object additionalHeaders,
			@JsonProperty("batch_models") @Nullable Object batchModels,
			@JsonProperty("litellm_model_name") @Nullable String litellmModelName,
			@JsonProperty("usage_object") @Nullable Object usageObject) {
	}

	/**
	 * One entry of {@code guardrail_information}.
	 *
	 * @param guardrailName the guardrail
	 * @param guardrailMode when it ran
	 * @param guardrailStatus {@code success}, {@code guardrail_intervened} or
	 * {@code guardrail_failed_to_respond}
	 * @param startTime when it started (seconds since the epoch)
	 * @param endTime when it ended
	 * @param duration seconds
	 * @param guardrailAction what it did: {@code passed}, {@code masked},
	 * {@code blocked}, {@code failed}, {@code failed_open}
	 */
	public record GuardrailInformation(@JsonProperty("guardrail_name") String guardrailName,
			@JsonProperty("guardrail_mode") String guardrailMode,
			@JsonProperty("guardrail_status") String guardrailStatus, @JsonProperty("start_time") double startTime,
			@JsonProperty("end_time") double endTime, double duration,
			@JsonProperty("guardrail_action") String guardrailAction) {
	}

}
