package dev.llmgw.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every key of LiteLLM's documented config reference (docs/my-website/docs/proxy/
 * config_settings.md, "All settings", plus the keys the original's configs use) is either
 * honoured, with a behaviour test that names it, or refused or warned about by its path
 * at start-up: none is taken and silently dropped.
 */
class ConfigReferenceTests {

	private static final Path TESTS = Path.of("src/test/java");

	/** LiteLLM's documented keys, per section. */
	private static final Map<String, List<String>> DOCUMENTED = Map.of("litellm_settings",
			List.of("success_callback", "failure_callback", "callbacks", "service_callbacks", "service_callback",
					"turn_off_message_logging", "modify_params", "enable_preview_features", "redact_user_api_key_info",
					"mcp_aliases", "langfuse_default_tags", "set_verbose", "json_logs", "default_fallbacks",
					"request_timeout", "force_ipv4", "content_policy_fallbacks", "context_window_fallbacks", "cache",
					"cache_params", "disable_end_user_cost_tracking", "disable_end_user_cost_tracking_prometheus_only",
					"key_generation_settings", "disable_add_transform_inline_image_block",
					"disable_hf_tokenizer_download", "enable_json_schema_validation",
					"disable_copilot_system_to_assistant", "debug", "detailed_debug", "max_budget", "budget_duration",
					"max_internal_user_budget", "internal_user_budget_duration", "s3_callback_params", "drop_params",
					"num_retries", "default_internal_user_params", "default_team_params", "max_end_user_budget",
					"default_key_generate_params", "upperbound_key_generate_params", "default_team_settings",
					"fallbacks", "timezone", "telemetry", "ssl_verify", "global_disable_no_log_param",
					"allow_dynamic_callback_disabling", "require_auth_for_metrics_endpoint",
					"prometheus_latency_buckets", "forward_traceparent_to_llm_provider"),
			"general_settings",
			List.of("completion_model", "disable_spend_logs", "disable_spend_updates", "disable_master_key_return",
					"disable_retry_on_max_parallel_request_limit_error", "disable_reset_budget",
					"disable_adding_master_key_hash_to_db", "disable_responses_id_security", "enable_jwt_auth",
					"enforce_user_param", "reject_clientside_metadata_tags", "allowed_routes", "key_management_system",
					"master_key", "database_url", "database_connection_pool_limit", "database_connection_timeout",
					"allow_requests_on_db_unavailable", "custom_auth", "max_parallel_requests",
					"global_max_parallel_requests", "infer_model_from_keys", "background_health_checks",
					"health_check_interval", "alerting", "alerting_threshold",
					"use_client_credentials_pass_through_routes", "health_check_details", "public_routes",
					"alert_types", "enforced_params", "enable_oauth2_auth", "use_x_forwarded_for",
					"service_account_settings", "image_generation_model", "store_model_in_db", "supported_db_objects",
					"user_mcp_management_mode", "store_prompts_in_spend_logs", "max_request_size_mb",
					"max_response_size_mb", "proxy_budget_rescheduler_min_time", "proxy_budget_rescheduler_max_time",
					"proxy_batch_write_at", "proxy_batch_polling_interval", "alerting_args", "custom_key_generate",
					"allowed_ips", "embedding_model", "default_team_disabled", "alert_to_webhook_url",
					"key_management_settings", "allow_user_auth", "user_api_key_cache_ttl",
					"disable_prisma_schema_update", "litellm_key_header_name", "moderation_model", "custom_sso",
					"allow_client_side_credentials", "admin_only_routes", "use_azure_key_vault", "use_google_kms",
					"spend_report_frequency", "ui_access_mode", "litellm_jwtauth", "litellm_license",
					"oauth2_config_mappings", "pass_through_endpoints", "enable_oauth2_proxy_auth",
					"forward_openai_org_id", "forward_client_headers_to_llm_api", "maximum_spend_logs_retention_period",
					"maximum_spend_logs_retention_interval"),
			"router_settings",
			List.of("routing_strategy", "redis_host", "redis_password", "redis_port", "redis_db",
					"enable_pre_call_check", "content_policy_fallbacks", "fallbacks", "enable_tag_filtering",
					"tag_filtering_match_any", "cooldown_time", "disable_cooldowns", "retry_policy", "allowed_fails",
					"allowed_fails_policy", "default_max_parallel_requests", "default_priority", "polling_interval",
					"max_fallbacks", "default_litellm_params", "timeout", "stream_timeout", "debug_level", "client_ttl",
					"cache_kwargs", "routing_strategy_args", "model_group_alias", "num_retries", "default_fallbacks",
					"caching_groups", "alerting_config", "assistants_config", "set_verbose", "retry_after",
					"provider_budget_config", "enable_pre_call_checks", "model_group_retry_policy",
					"context_window_fallbacks", "redis_url", "cache_responses", "router_general_settings",
					"optional_pre_call_checks", "ignore_invalid_deployments", "search_tools", "guardrail_list"));

	/**
	 * The keys this gateway honours: each needs a test (or the shared test config the
	 * tests run on), other than this one, whose source names it.
	 */
	private static final Map<String, List<String>> HONOURED = Map.of("litellm_settings",
			List.of("success_callback", "failure_callback", "callbacks", "turn_off_message_logging",
					"redact_user_api_key_info", "set_verbose", "json_logs", "default_fallbacks", "request_timeout",
					"context_window_fallbacks", "cache", "cache_params", "disable_end_user_cost_tracking",
					"disable_end_user_cost_tracking_prometheus_only", "debug", "detailed_debug", "max_budget",
					"budget_duration", "max_internal_user_budget", "internal_user_budget_duration",
					"s3_callback_params", "drop_params", "num_retries", "default_internal_user_params",
					"default_team_params", "max_end_user_budget", "default_key_generate_params",
					"upperbound_key_generate_params", "fallbacks", "timezone", "global_disable_no_log_param",
					"allow_dynamic_callback_disabling", "require_auth_for_metrics_endpoint",
					"prometheus_latency_buckets", "forward_traceparent_to_llm_provider"),
			"general_settings",
			List.of("disable_spend_logs", "enforce_user_param", "allowed_routes", "master_key", "database_url",
					"max_parallel_requests", "global_max_parallel_requests", "alerting", "alerting_threshold",
					"public_routes", "alert_types", "store_model_in_db", "max_request_size_mb", "alerting_args",
					"alert_to_webhook_url", "admin_only_routes"),
			"router_settings",
			List.of("routing_strategy", "enable_pre_call_check", "content_policy_fallbacks", "fallbacks",
					"enable_tag_filtering", "tag_filtering_match_any", "cooldown_time", "disable_cooldowns",
					"retry_policy", "allowed_fails", "allowed_fails_policy", "default_max_parallel_requests",
					"default_priority", "max_fallbacks", "timeout", "routing_strategy_args", "model_group_alias",
					"num_retries", "default_fallbacks", "retry_after", "enable_pre_call_checks",
					"model_group_retry_policy", "context_window_fallbacks"));

	private final ConfigLoader loader = new ConfigLoader(EnvironmentLookup.of(Map.of()));

	@Test
	void everyDocumentedKeyIsHonouredOrNamedAtStart() {
		List<String> silent = new ArrayList<>();
		DOCUMENTED.forEach((section, keys) -> {
			for (String key : keys) {
				if (HONOURED.get(section).contains(key)) {
					continue;
				}
				String path = section + "." + key;
				try {
					GatewayConfig config = this.loader.parse(section + ":\n  " + key + ": \"x\"\n", "reference");
					if (config.warnings().stream().noneMatch((warning) -> warning.contains(path))) {
						silent.add(path);
					}
				}
				catch (ConfigException refused) {
					if (!refused.getMessage().contains(path)) {
						silent.add(path + " (refused without naming it: " + refused.getMessage() + ")");
					}
				}
			}
		});
		assertThat(silent).as("keys accepted without effect and without a word").isEmpty();
	}

	@Test
	void everyHonouredKeyHasABehaviourTestThatNamesIt() throws IOException {
		List<String> sources = new ArrayList<>();
		try (Stream<Path> files = Files.walk(TESTS)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				if (!file.getFileName().toString().equals("ConfigReferenceTests.java")) {
					sources.add(Files.readString(file));
				}
			}
		}
		List<String> untested = new ArrayList<>();
		HONOURED.forEach((section, keys) -> {
			for (String key : keys) {
				Pattern named = Pattern.compile("\\b" + key + "\\b");
				if (sources.stream().noneMatch((source) -> named.matcher(source).find())) {
					untested.add(section + "." + key);
				}
			}
			assertThat(DOCUMENTED.get(section)).as(section).containsAll(keys);
		});
		assertThat(untested).as("honoured keys no test names").isEmpty();
	}

}
