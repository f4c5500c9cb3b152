package dev.llmgw.gateway.metrics;

import dev.llmgw.metrics.Family;

/**
 * LiteLLM's Prometheus metric families (its {@code integrations/prometheus.py}), with the
 * labels it sets, and the few this gateway adds under the same prefix.
 */
final class Families {

	/**
	 * LiteLLM's {@code LATENCY_BUCKETS}, in seconds, for every latency histogram unless
	 * {@code prometheus_latency_buckets} says otherwise.
	 */
	static final double[] LATENCY_BUCKETS = { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0,
			120.0, 300.0, 420.0, 600.0 };

	/**
	 * The Python client's default buckets, which LiteLLM leaves on the per-token latency.
	 */
	static final double[] DEFAULT_BUCKETS = { 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5,
			10.0 };

	static final Family TOTAL_REQUESTS = new Family("litellm_proxy_total_requests_metric",
			"Total number of requests made to the proxy server - track number of client side requests", "end_user",
			"hashed_api_key", "api_key_alias", "requested_model", "team", "team_alias", "user", "status_code",
			"user_email", "route", "client_ip", "user_agent", "model_id");

	static final Family FAILED_REQUESTS = new Family("litellm_proxy_failed_requests_metric",
			"Total number of failed responses from proxy - the client did not get a success response from litellm proxy",
			"end_user", "hashed_api_key", "api_key_alias", "requested_model", "team", "team_alias", "user",
			"user_email", "exception_status", "exception_class", "route", "client_ip", "user_agent", "model_id");

	static final Family TOTAL_LATENCY = new Family("litellm_request_total_latency_metric",
			"Total latency (seconds) for a request to LiteLLM", "end_user", "hashed_api_key", "api_key_alias",
			"requested_model", "team", "team_alias", "user", "model", "model_id");

	static final Family LLM_API_LATENCY = new Family("litellm_llm_api_latency_metric",
			"Total latency (seconds) for a models LLM API call", "model", "hashed_api_key", "api_key_alias", "team",
			"team_alias", "requested_model", "end_user", "user", "model_id");

	static final Family TIME_TO_FIRST_TOKEN = new Family("litellm_llm_api_time_to_first_token_metric",
			"Time to first token for a models LLM API call", "model", "hashed_api_key", "api_key_alias", "team",
			"team_alias", "requested_model", "end_user", "user", "model_id");

	static final Family OVERHEAD_LATENCY = new Family("litellm_overhead_latency_metric",
			"Latency overhead (milliseconds) added by LiteLLM processing", "model_group", "api_provider", "api_base",
			"litellm_model_name", "hashed_api_key", "api_key_alias", "model_id");

	/**
	 * LiteLLM's deprecated request counter, still registered by LiteLLM and read by its
	 * first Grafana dashboard: successful calls, with the spend metric's labels.
	 */
	static final Family REQUESTS_DEPRECATED = new Family("litellm_requests_metric",
			"deprecated - use litellm_proxy_total_requests_metric. Total number of LLM calls to litellm - track total per API Key, team, user",
			"end_user", "hashed_api_key", "api_key_alias", "model", "team", "team_alias", "user", "user_email",
			"client_ip", "user_agent", "model_id", "api_provider");

	/** LiteLLM's deprecated failure counter, read by its first Grafana dashboard. */
	static final Family LLM_API_FAILED_DEPRECATED = new Family("litellm_llm_api_failed_requests_metric",
			"deprecated - use litellm_proxy_failed_requests_metric", "end_user", "hashed_api_key", "api_key_alias",
			"model", "team", "team_alias", "user", "model_id");

	/** LiteLLM's in-flight gauge: HTTP requests being served now, on this instance. */
	static final Family IN_FLIGHT = new Family("litellm_in_flight_requests",
			"Number of HTTP requests currently in-flight on this uvicorn worker");

	static final Family SPEND = new Family("litellm_spend_metric", "Total spend on LLM requests", "end_user",
			"hashed_api_key", "api_key_alias", "model", "team", "team_alias", "user", "user_email", "client_ip",
			"user_agent", "model_id", "api_provider");

	private static final String[] TOKEN_LABELS = { "end_user", "hashed_api_key", "api_key_alias", "model", "team",
			"team_alias", "user", "user_email", "requested_model", "model_id" };

	static final Family TOTAL_TOKENS = new Family("litellm_total_tokens_metric",
			"Total number of input + output tokens from LLM requests", TOKEN_LABELS);

	static final Family INPUT_TOKENS = new Family("litellm_input_tokens_metric",
			"Total number of input tokens from LLM requests", TOKEN_LABELS);

	static final Family OUTPUT_TOKENS = new Family("litellm_output_tokens_metric",
			"Total number of output tokens from LLM requests", TOKEN_LABELS);

	private static final String[] DEPLOYMENT_LABELS = { "litellm_model_name", "model_id", "api_base", "api_provider" };

	static final Family DEPLOYMENT_STATE = new Family("litellm_deployment_state",
			"LLM Deployment Analytics - The state of the deployment: 0 = healthy, 1 = partial outage, 2 = complete outage",
			DEPLOYMENT_LABELS);

	static final Family DEPLOYMENT_RPM_LIMIT = new Family("litellm_deployment_rpm_limit",
			"Deployment RPM limit found in config", DEPLOYMENT_LABELS);

	static final Family DEPLOYMENT_TPM_LIMIT = new Family("litellm_deployment_tpm_limit",
			"Deployment TPM limit found in config", DEPLOYMENT_LABELS);

	static final Family DEPLOYMENT_COOLED_DOWN = new Family("litellm_deployment_cooled_down",
			"LLM Deployment Analytics - Number of times a deployment has been cooled down by LiteLLM load balancing logic. exception_status is the status of the exception that caused the deployment to be cooled down",
			"litellm_model_name", "model_id", "api_base", "api_provider", "exception_status");

	private static final String[] DEPLOYMENT_CALL_LABELS = { "requested_model", "litellm_model_name", "model_id",
			"api_base", "api_provider", "hashed_api_key", "api_key_alias", "team", "team_alias", "client_ip",
			"user_agent" };

	static final Family DEPLOYMENT_SUCCESS = new Family("litellm_deployment_success_responses",
			"LLM Deployment Analytics - Total number of successful LLM API calls via litellm", DEPLOYMENT_CALL_LABELS);

	static final Family DEPLOYMENT_TOTAL = new Family("litellm_deployment_total_requests",
			"LLM Deployment Analytics - Total number of LLM API calls via litellm - success + failure",
			DEPLOYMENT_CALL_LABELS);

	static final Family DEPLOYMENT_FAILURE = new Family("litellm_deployment_failure_responses",
			"LLM Deployment Analytics - Total number of failed LLM API calls for a specific LLM deploymeny. exception_status is the status of the exception from the llm api",
			"requested_model", "litellm_model_name", "model_id", "api_base", "api_provider", "exception_status",
			"exception_class", "hashed_api_key", "api_key_alias", "team", "team_alias", "client_ip", "user_agent");

	static final Family LATENCY_PER_OUTPUT_TOKEN = new Family("litellm_deployment_latency_per_output_token",
			"LLM Deployment Analytics - Latency per output token", "litellm_model_name", "model_id", "api_base",
			"api_provider", "hashed_api_key", "api_key_alias", "team", "team_alias");

	private static final String[] FALLBACK_LABELS = { "requested_model", "fallback_model", "hashed_api_key",
			"api_key_alias", "team", "team_alias", "exception_status", "exception_class", "model_id" };

	static final Family SUCCESSFUL_FALLBACKS = new Family("litellm_deployment_successful_fallbacks",
			"LLM Deployment Analytics - Number of successful fallback requests from primary model -> fallback model",
			FALLBACK_LABELS);

	static final Family FAILED_FALLBACKS = new Family("litellm_deployment_failed_fallbacks",
			"LLM Deployment Analytics - Number of failed fallback requests from primary model -> fallback model",
			FALLBACK_LABELS);

	private static final String[] CACHE_LABELS = { "model", "hashed_api_key", "api_key_alias", "team", "team_alias",
			"end_user", "user", "model_id" };

	static final Family CACHE_HITS = new Family("litellm_cache_hits_metric", "Total number of LiteLLM cache hits",
			CACHE_LABELS);

	static final Family CACHE_MISSES = new Family("litellm_cache_misses_metric", "Total number of LiteLLM cache misses",
			CACHE_LABELS);

	static final Family CACHED_TOKENS = new Family("litellm_cached_tokens_metric",
			"Total tokens served from LiteLLM cache", CACHE_LABELS);

	static final Family GUARDRAIL_LATENCY = new Family("litellm_guardrail_latency_seconds",
			"Latency (seconds) for guardrail execution", "guardrail_name", "status", "error_type", "hook_type");

	static final Family GUARDRAIL_REQUESTS = new Family("litellm_guardrail_requests",
			"Total number of guardrail invocations", "guardrail_name", "status", "hook_type");

	static final Family GUARDRAIL_ERRORS = new Family("litellm_guardrail_errors",
			"Total number of errors encountered during guardrail execution", "guardrail_name", "error_type",
			"hook_type");

	/**
	 * This gateway's: each guardrail's decision by name, which LiteLLM's status folds.
	 */
	static final Family GUARDRAIL_VERDICTS = new Family("litellm_guardrail_verdicts",
			"Guardrail decisions: passed, masked, blocked, failed (call refused) or failed_open (call went on)",
			"guardrail_name", "hook_type", "verdict");

	/** This gateway's: the retries within a model group, which LiteLLM does not count. */
	static final Family RETRIES = new Family("litellm_deployment_retries",
			"Number of times a call was tried again within its model group after a failure", "requested_model",
			"hashed_api_key", "api_key_alias", "team", "team_alias");

	static final Family REMAINING_TEAM_BUDGET = new Family("litellm_remaining_team_budget_metric",
			"Remaining budget for team", "team", "team_alias");

	static final Family TEAM_MAX_BUDGET = new Family("litellm_team_max_budget_metric", "Maximum budget set for team",
			"team", "team_alias");

	static final Family TEAM_BUDGET_REMAINING_HOURS = new Family("litellm_team_budget_remaining_hours_metric",
			"Remaining days for team budget to be reset", "team", "team_alias");

	static final Family REMAINING_KEY_BUDGET = new Family("litellm_remaining_api_key_budget_metric",
			"Remaining budget for api key", "hashed_api_key", "api_key_alias");

	static final Family KEY_MAX_BUDGET = new Family("litellm_api_key_max_budget_metric",
			"Maximum budget set for api key", "hashed_api_key", "api_key_alias");

	static final Family KEY_BUDGET_REMAINING_HOURS = new Family("litellm_api_key_budget_remaining_hours_metric",
			"Remaining hours for api key budget to be reset", "hashed_api_key", "api_key_alias");

	static final Family REMAINING_USER_BUDGET = new Family("litellm_remaining_user_budget_metric",
			"Remaining budget for user", "user");

	static final Family USER_MAX_BUDGET = new Family("litellm_user_max_budget_metric", "Maximum budget set for user",
			"user");

	static final Family USER_BUDGET_REMAINING_HOURS = new Family("litellm_user_budget_remaining_hours_metric",
			"Remaining hours for user budget to be reset", "user");

	static final Family REMAINING_KEY_REQUESTS_FOR_MODEL = new Family("litellm_remaining_api_key_requests_for_model",
			"Remaining Requests API Key can make for model (model based rpm limit on key)", "hashed_api_key",
			"api_key_alias", "model", "model_id");

	static final Family REMAINING_KEY_TOKENS_FOR_MODEL = new Family("litellm_remaining_api_key_tokens_for_model",
			"Remaining Tokens API Key can make for model (model based tpm limit on key)", "hashed_api_key",
			"api_key_alias", "model", "model_id");

	private static final String[] PROVIDER_HEADROOM_LABELS = { "model_group", "api_provider", "api_base",
			"litellm_model_name", "hashed_api_key", "api_key_alias" };

	static final Family PROVIDER_REMAINING_REQUESTS = new Family("litellm_remaining_requests",
			"LLM Deployment Analytics - remaining requests for model, returned from LLM API Provider",
			PROVIDER_HEADROOM_LABELS);

	static final Family PROVIDER_REMAINING_TOKENS = new Family("litellm_remaining_tokens",
			"remaining tokens for model, returned from LLM API Provider", PROVIDER_HEADROOM_LABELS);

	/**
	 * This gateway's: every rate limit a call was counted against, not only a key's per
	 * model ones.
	 */
	static final Family REMAINING_RATE_LIMIT = new Family("litellm_remaining_rate_limit",
			"What a rate limit has left: requests or tokens in the current minute, or parallel requests", "limit_scope",
			"limit_id", "limit_type");

	/**
	 * This gateway's: every model call by status class alone, for service-wide rates and
	 * alarms (CloudWatch alarms cannot sum over dimensions).
	 */
	static final Family RESPONSES = new Family("litellm_gateway_responses",
			"Model calls answered, by status class: 2xx, 4xx or 5xx", "status_class");

	/**
	 * This gateway's: every model call's latency until its answer starts (a stream's
	 * first byte, else the whole call), without labels, for the same.
	 */
	static final Family LATENCY = new Family("litellm_gateway_request_latency",
			"Latency (seconds) of every model call until its answer starts: a stream's first byte, else the whole call");

	private Families() {
	}

}
