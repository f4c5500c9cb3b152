package dev.llmgw.gateway.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.RouterReliability;
import dev.llmgw.gateway.config.RouterSettings;
import dev.llmgw.gateway.routing.RoutingPolicy;
import org.jspecify.annotations.Nullable;

/**
 * LiteLLM's {@code GET /router/settings} body: {@code current_values} (the effective
 * router settings, defaults filled in as LiteLLM's Router fills them), {@code fields}
 * (each setting with its type, value and default) and
 * {@code routing_strategy_descriptions}.
 */
final class RouterSettingsView {

	/**
	 * The timeout is this gateway's own default (DeploymentFactory), which LiteLLM takes
	 * from request_timeout.
	 */
	private static final double TIMEOUT_SECONDS = 600;

	private static final Map<String, String> STRATEGIES = Map.of("simple-shuffle",
			"Randomly picks a deployment from the list. Simple and fast.", "least-busy",
			"Routes to the deployment with the lowest number of ongoing requests.", "latency-based-routing",
			"Routes to the deployment with the lowest latency over a sliding window.", "cost-based-routing",
			"Routes to the deployment with the lowest cost per token.", "usage-based-routing",
			"Routes to the deployment with the lowest TPM (Tokens Per Minute) usage. (deprecated)",
			"usage-based-routing-v2", "Improved version of usage-based routing with better tracking.");

	private RouterSettingsView() {
	}

	static Map<String, Object> of(GatewayConfig config) {
		Map<String, @Nullable Object> current = currentValues(config);
		List<Map<String, @Nullable Object>> fields = new ArrayList<>();
		field(fields, current, "routing_strategy", "String", "simple-shuffle", "Routing Strategy");
		field(fields, current, "num_retries", "Integer", 0, "Number of Retries");
		field(fields, current, "timeout", "Float", null, "Timeout");
		field(fields, current, "max_fallbacks", "Integer", RouterReliability.DEFAULT_MAX_FALLBACKS, "Max Fallbacks");
		field(fields, current, "fallbacks", "List", List.of(), "Fallbacks");
		field(fields, current, "context_window_fallbacks", "List", List.of(), "Context Window Fallbacks");
		field(fields, current, "content_policy_fallbacks", "List", List.of(), "Content Policy Fallbacks");
		field(fields, current, "default_fallbacks", "List", List.of(), "Default Fallbacks");
		field(fields, current, "allowed_fails", "Integer", null, "Allowed Fails");
		field(fields, current, "cooldown_time", "Float", null, "Cooldown Time");
		field(fields, current, "retry_after", "Integer", 0, "Retry After");
		field(fields, current, "model_group_alias", "Dictionary", Map.of(), "Model Group Alias");
		field(fields, current, "enable_pre_call_checks", "Boolean", false, "Enable Pre-call Checks");
		fields.get(0).put("options", List.copyOf(STRATEGIES.keySet()));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("fields", fields);
		body.put("current_values", current);
		body.put("routing_strategy_descriptions", STRATEGIES);
		return body;
	}

	/** What the router does, read from the same policy it runs on. */
	private static Map<String, @Nullable Object> currentValues(GatewayConfig config) {
		RouterSettings router = config.routerSettings();
		RoutingPolicy policy = RoutingPolicy.from(config);
		Double timeout = (router.timeoutSeconds() != null) ? router.timeoutSeconds()
				: config.litellmSettings().requestTimeoutSeconds();
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("routing_strategy", router.routingStrategy());
		values.put("num_retries", policy.numRetries());
		values.put("timeout", (timeout != null) ? timeout : TIMEOUT_SECONDS);
		values.put("max_fallbacks", policy.maxFallbacks());
		values.put("retry_policy", router.reliability().retryPolicy());
		values.put("model_group_retry_policy", router.reliability().modelGroupRetryPolicy());
		values.put("allowed_fails_policy", router.reliability().allowedFailsPolicy());
		values.put("fallbacks", groups(policy.fallbacks()));
		values.put("context_window_fallbacks", groups(policy.contextWindowFallbacks()));
		values.put("content_policy_fallbacks", groups(policy.contentPolicyFallbacks()));
		values.put("default_fallbacks", policy.defaultFallbacks());
		values.put("allowed_fails", policy.allowedFails());
		values.put("cooldown_time", policy.cooldown().toMillis() / 1000.0);
		values.put("retry_after", policy.retryAfter().toMillis() / 1000.0);
		values.put("model_group_alias", router.modelGroupAlias());
		values.put("enable_pre_call_checks", policy.preCallCheck());
		values.put("enable_pre_call_check", policy.preCallCheck());
		return values;
	}

	/** Fallbacks as config.yaml writes them: {@code [{"group": ["other", ...]}]}. */
	private static List<Map<String, List<String>>> groups(Map<String, List<String>> fallbacks) {
		List<Map<String, List<String>>> list = new ArrayList<>();
		fallbacks.forEach((group, targets) -> list.add(Map.of(group, targets)));
		return list;
	}

	private static void field(List<Map<String, @Nullable Object>> fields, Map<String, @Nullable Object> current,
			String name, String type, @Nullable Object fallback, String uiName) {
		Map<String, @Nullable Object> field = new LinkedHashMap<>();
		field.put("field_name", name);
		field.put("field_type", type);
		field.put("field_value", current.get(name));
		field.put("field_description", uiName);
		field.put("field_default", fallback);
		field.put("options", null);
		field.put("ui_field_name", uiName);
		field.put("link", null);
		fields.add(field);
	}

}
