package dev.llmgw.gateway.config;

import java.util.Set;

/**
 * The keys of each config.yaml section that this gateway reads or knowingly ignores.
 * Anything else is reported as unknown by path, so a typo never goes unnoticed.
 */
final class ConfigKeys {

	static final Set<String> TOP_LEVEL = Set.of("model_list", "litellm_settings", "router_settings", "general_settings",
			"environment_variables", "guardrails", "credential_list", "include", "callback_settings");

	static final Set<String> DEPLOYMENT = Set.of("model_name", "litellm_params", "model_info");

	/**
	 * litellm_params keys that configure the call itself; every other key is a default
	 * request parameter.
	 */
	static final Set<String> CALL_SETTINGS = Set.of("model", "api_key", "api_base", "api_version", "aws_region_name",
			"weight", "rpm", "tpm", "timeout", "stream_timeout", "max_retries", "drop_params", "extra_headers",
			"headers");

	/**
	 * litellm_params keys that are provider settings rather than request parameters;
	 * never sent in a body.
	 */
	static final Set<String> PROVIDER_SETTINGS = Set.of("aws_access_key_id", "aws_secret_access_key",
			"aws_session_token", "aws_session_name", "aws_profile_name", "aws_role_name", "aws_web_identity_token",
			"aws_sts_endpoint", "aws_bedrock_runtime_endpoint", "organization", "custom_llm_provider",
			"input_cost_per_token", "output_cost_per_token", "input_cost_per_second", "output_cost_per_second", "tags",
			"region_name", "vertex_project", "vertex_location", "vertex_credentials", "azure_ad_token", "tenant_id",
			"client_id", "client_secret", "use_in_pass_through", "litellm_credential_name",
			"merge_reasoning_content_in_choices", "mock_response", "base_model", "configurable_clientside_auth_params",
			"model_id", "max_budget", "budget_duration", "guardrailConfig", "max_parallel_requests",
			"vertex_ai_project", "vertex_ai_location", "vertex_ai_credentials", "sagemaker_base_url",
			"aws_sagemaker_allow_zero_temp", "hf_model_name", "use_chat_completions_api");

	static final Set<String> LITELLM_SETTINGS = Set.of("cache", "cache_params", "max_budget", "budget_duration",
			"max_internal_user_budget", "internal_user_budget_duration", "default_key_generate_params",
			"upperbound_key_generate_params", "success_callback", "failure_callback", "service_callback", "callbacks",
			"s3_callback_params", "drop_params", "num_retries", "request_timeout", "set_verbose", "json_logs",
			"context_window_fallbacks", "fallbacks", "default_fallbacks", "content_policy_fallbacks", "debug",
			"detailed_debug", "modify_params", "turn_off_message_logging", "redact_user_api_key_info",
			"max_end_user_budget", "default_team_settings", "default_internal_user_params", "telemetry", "ssl_verify",
			"langfuse_default_tags", "enable_preview_features", "disable_end_user_cost_tracking",
			"require_auth_for_metrics_endpoint", "enable_end_user_cost_tracking_prometheus_only",
			"prometheus_latency_buckets", "forward_traceparent_to_llm_provider", "global_disable_no_log_param",
			"allow_dynamic_callback_disabling", "timezone", "max_end_user_budget_id", "default_team_params",
			"disable_end_user_cost_tracking_prometheus_only");

	/**
	 * LiteLLM's call type names for {@code cache_params.supported_call_types}: those the
	 * gateway serves, and those it has no route for (accepted, never cached).
	 */
	static final Set<String> CACHE_CALL_TYPES = Set.of("completion", "acompletion", "text_completion",
			"atext_completion", "embedding", "aembedding", "anthropic_messages", "aanthropic_messages", "transcription",
			"atranscription", "rerank", "arerank", "responses", "aresponses");

	static final Set<String> ROUTER_SETTINGS = Set.of("routing_strategy", "enable_pre_call_check",
			"enable_pre_call_checks", "redis_host", "redis_port", "redis_password", "redis_url", "num_retries",
			"retry_after", "timeout", "stream_timeout", "allowed_fails", "cooldown_time", "fallbacks",
			"context_window_fallbacks", "content_policy_fallbacks", "default_fallbacks", "model_group_alias",
			"retry_policy", "allowed_fails_policy", "routing_strategy_args", "disable_cooldowns", "max_fallbacks",
			"default_max_parallel_requests", "cache_responses", "optional_pre_call_checks", "provider_budget_config",
			"model_group_retry_policy", "polling_interval", "default_priority", "enable_tag_filtering",
			"tag_filtering_match_any");

	static final Set<String> GENERAL_SETTINGS = Set.of("master_key", "database_url", "disable_spend_logs",
			"store_model_in_db", "alerting", "alerting_threshold", "allowed_routes", "max_request_size_mb",
			"max_response_size_mb", "max_parallel_requests", "global_max_parallel_requests", "ui_access_mode",
			"public_routes", "admin_only_routes", "enforce_user_param", "disable_master_key_return",
			"background_health_checks", "health_check_interval", "database_connection_pool_limit",
			"database_connection_timeout", "proxy_batch_write_at", "maximum_spend_logs_retention_period",
			"disable_reset_budget", "allow_requests_on_db_unavailable", "infer_model_from_keys", "alert_types",
			"alert_to_webhook_url", "alerting_args");

	/**
	 * Keys accepted so that LiteLLM's and the original's configs load, but that change
	 * nothing in this gateway yet: each present one is named in a start-up warning, never
	 * silently taken. (router_settings' redis_* are not here: the gateway reads Redis
	 * from REDIS_HOST, REDIS_PORT and REDIS_PASSWORD, which is what the original's config
	 * points them at.)
	 */
	static final Set<String> GENERAL_SETTINGS_WITHOUT_EFFECT = Set.of("max_response_size_mb", "ui_access_mode",
			"disable_master_key_return", "background_health_checks", "health_check_interval",
			"database_connection_pool_limit", "database_connection_timeout", "proxy_batch_write_at",
			"maximum_spend_logs_retention_period", "disable_reset_budget", "allow_requests_on_db_unavailable",
			"infer_model_from_keys");

	static final Set<String> ROUTER_SETTINGS_WITHOUT_EFFECT = Set.of("stream_timeout", "cache_responses",
			"optional_pre_call_checks", "provider_budget_config", "polling_interval");

	static final Set<String> LITELLM_SETTINGS_WITHOUT_EFFECT = Set.of("modify_params", "default_team_settings",
			"ssl_verify", "enable_preview_features", "service_callback", "langfuse_default_tags",
			// read in router_settings only
			"content_policy_fallbacks");

	static final Set<String> ROUTING_STRATEGIES = Set.of("simple-shuffle", "usage-based-routing-v2",
			"usage-based-routing", "least-busy", "latency-based-routing", "cost-based-routing");

	static final Set<String> GUARDRAIL_MODES = Set.of("pre_call", "during_call", "post_call", "logging_only");

	private ConfigKeys() {
	}

}
