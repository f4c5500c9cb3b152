package dev.llmgw.gateway.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Binds the {@code litellm_settings}, {@code router_settings} and
 * {@code general_settings} sections.
 */
final class SettingsBinder {

	private final ConfigReader reader;

	SettingsBinder(ConfigReader reader) {
		this.reader = reader;
	}

	LitellmSettings litellm(@Nullable Object section) {
		String path = "litellm_settings";
		Map<String, Object> map = this.reader.map(section, path);
		this.reader.warnUnknownKeys(map, path, ConfigKeys.LITELLM_SETTINGS);
		this.reader.warnKeysWithoutEffect(map, path, ConfigKeys.LITELLM_SETTINGS_WITHOUT_EFFECT);
		CacheSettings cache = cache(map, path);
		this.reader.map(map.get("default_key_generate_params"), path + ".default_key_generate_params");
		this.reader.map(map.get("upperbound_key_generate_params"), path + ".upperbound_key_generate_params");
		// read by the budget package from raw(); checked here so that a wrong type stops
		// the start
		this.reader.number(map, "max_end_user_budget", path);
		Object timezone = map.get("timezone");
		if (timezone != null && LitellmSettings.zone(timezone) == null) {
			throw new ConfigException(path + ".timezone: \"" + timezone
					+ "\" is not a time zone (use a name such as UTC, US/Eastern or Europe/London)");
		}
		return new LitellmSettings(Boolean.TRUE.equals(this.reader.bool(map, "drop_params", path)),
				this.reader.integer(map, "num_retries", path), this.reader.number(map, "request_timeout", path),
				this.reader.number(map, "max_budget", path), duration(map, "budget_duration", path),
				this.reader.number(map, "max_internal_user_budget", path),
				duration(map, "internal_user_budget_duration", path),
				this.reader.strings(map, "success_callback", path), this.reader.strings(map, "failure_callback", path),
				map, fallbacks(map, "fallbacks", path), fallbacks(map, "context_window_fallbacks", path),
				this.reader.strings(map, "default_fallbacks", path), cache, metrics(map, path),
				this.reader.strings(map, "callbacks", path),
				Boolean.TRUE.equals(this.reader.bool(map, "json_logs", path)));
	}

	/**
	 * LiteLLM's Prometheus settings. {@code require_auth_for_metrics_endpoint} takes
	 * LiteLLM's booleans and this gateway's {@code admin}.
	 */
	private MetricsSettings metrics(Map<String, Object> map, String path) {
		Object access = map.get(MetricsSettings.ACCESS_KEY);
		MetricsSettings.Access parsed;
		if (access == null || Boolean.TRUE.equals(access) || "true".equals(access)) {
			parsed = MetricsSettings.Access.KEY;
		}
		else if (Boolean.FALSE.equals(access) || "false".equals(access)) {
			parsed = MetricsSettings.Access.OPEN;
		}
		else if ("admin".equals(access)) {
			parsed = MetricsSettings.Access.ADMIN;
		}
		else {
			throw ConfigReader.typeError(path + "." + MetricsSettings.ACCESS_KEY, "true, false or admin", access);
		}
		boolean endUsers = Boolean.TRUE
			.equals(this.reader.bool(map, "enable_end_user_cost_tracking_prometheus_only", path))
				&& !Boolean.TRUE.equals(this.reader.bool(map, "disable_end_user_cost_tracking", path))
				&& !Boolean.TRUE.equals(this.reader.bool(map, "disable_end_user_cost_tracking_prometheus_only", path));
		List<Double> buckets = null;
		if (map.containsKey("prometheus_latency_buckets")) {
			String key = path + ".prometheus_latency_buckets";
			buckets = new ArrayList<>();
			double last = 0;
			for (Object item : this.reader.list(map.get("prometheus_latency_buckets"), key)) {
				double bound;
				if (item instanceof Number number) {
					bound = number.doubleValue();
				}
				else if ("inf".equals(item) || "+Inf".equals(item)) {
					continue;
				}
				else {
					throw ConfigReader.typeError(key, "a list of increasing numbers of seconds", item);
				}
				if (Double.isInfinite(bound)) {
					continue;
				}
				if (!(bound > last) || Double.isNaN(bound)) {
					throw ConfigReader.typeError(key, "a list of increasing numbers of seconds", item);
				}
				buckets.add(bound);
				last = bound;
			}
			if (buckets.isEmpty()) {
				throw ConfigReader.typeError(key, "at least one positive number of seconds",
						map.get("prometheus_latency_buckets"));
			}
			buckets = List.copyOf(buckets);
		}
		return new MetricsSettings(parsed, endUsers, buckets);
	}

	/**
	 * {@code cache} and {@code cache_params}, checked here so that a wrong value stops
	 * the start naming its key (LiteLLM would fail on the first call, or never).
	 */
	private CacheSettings cache(Map<String, Object> settings, String section) {
		boolean enabled = Boolean.TRUE.equals(this.reader.bool(settings, "cache", section));
		String path = section + ".cache_params";
		Map<String, Object> map = this.reader.map(settings.get("cache_params"), path);
		this.reader.warnUnknownKeys(map, path, CacheSettings.KEYS);
		String type = this.reader.string(map, "type", path);
		if (type == null) {
			type = map.isEmpty() ? "redis" : "local";
		}
		if (enabled && !CacheSettings.TYPES.contains(type)) {
			throw ConfigReader.typeError(path + ".type",
					"local or redis (the gateway has no semantic, S3, GCS, Azure Blob or disk cache)", type);
		}
		String mode = oneOf(map, "mode", path, CacheSettings.MODES, "default_on");
		String scope = oneOf(map, "scope", path, CacheSettings.SCOPES, "shared");
		List<String> callTypes = null;
		if (map.containsKey("supported_call_types")) {
			callTypes = this.reader.strings(map, "supported_call_types", path);
			for (String callType : callTypes) {
				if (!ConfigKeys.CACHE_CALL_TYPES.contains(callType)) {
					throw ConfigReader.typeError(path + ".supported_call_types",
							"LiteLLM call types " + ConfigKeys.CACHE_CALL_TYPES, callType);
				}
			}
		}
		List<CacheSettings.HostPort> nodes = new ArrayList<>();
		List<Object> rawNodes = this.reader.list(map.get("redis_startup_nodes"), path + ".redis_startup_nodes");
		for (int i = 0; i < rawNodes.size(); i++) {
			String nodePath = path + ".redis_startup_nodes[" + i + "]";
			Map<String, Object> node = this.reader.map(rawNodes.get(i), nodePath);
			String host = this.reader.string(node, "host", nodePath);
			Integer port = this.reader.integer(node, "port", nodePath);
			if (host == null || host.isBlank()) {
				throw ConfigReader.typeError(nodePath + ".host", "a host name", host);
			}
			nodes.add(new CacheSettings.HostPort(host.trim(), (port != null) ? port : 6379));
		}
		return new CacheSettings(enabled, type, mode, setString(map, "namespace", path), seconds(map, "ttl", path),
				seconds(map, "default_in_memory_ttl", path), seconds(map, "default_in_redis_ttl", path), callTypes,
				setString(map, "host", path), this.reader.integer(map, "port", path), setString(map, "password", path),
				setString(map, "username", path), this.reader.bool(map, "ssl", path), setString(map, "url", path),
				this.reader.integer(map, "db", path), List.copyOf(nodes), seconds(map, "socket_timeout", path),
				positive(map, "max_size_in_memory", path), positive(map, "max_size_per_item", path),
				positive(map, "max_memory_mb", path), scope, this.reader.bool(map, "near_cache", path));
	}

	/**
	 * A string that is unset when it names an unset variable: {@code host:
	 * os.environ/REDIS_HOST} with REDIS_HOST unset must not become a host name (nor a
	 * password) but fall back as if absent.
	 */
	private @Nullable String setString(Map<String, Object> map, String key, String path) {
		String value = this.reader.string(map, key, path);
		return (value == null || EnvironmentLookup.referencedVariable(value) != null || value.isBlank()) ? null : value;
	}

	private String oneOf(Map<String, Object> map, String key, String path, Set<String> allowed, String fallback) {
		String value = this.reader.string(map, key, path);
		if (value == null) {
			return fallback;
		}
		if (!allowed.contains(value)) {
			throw ConfigReader.typeError(path + "." + key, "one of " + new TreeSet<>(allowed), value);
		}
		return value;
	}

	private @Nullable Double seconds(Map<String, Object> map, String key, String path) {
		Double value = this.reader.number(map, key, path);
		if (value != null && (value <= 0 || value.isInfinite() || value.isNaN())) {
			throw ConfigReader.typeError(path + "." + key, "a positive number of seconds", value);
		}
		return value;
	}

	private @Nullable Integer positive(Map<String, Object> map, String key, String path) {
		Integer value = this.reader.integer(map, key, path);
		if (value != null && value <= 0) {
			throw ConfigReader.typeError(path + "." + key, "a positive integer", value);
		}
		return value;
	}

	RouterSettings router(@Nullable Object section) {
		String path = "router_settings";
		Map<String, Object> map = this.reader.map(section, path);
		this.reader.warnUnknownKeys(map, path, ConfigKeys.ROUTER_SETTINGS);
		this.reader.warnKeysWithoutEffect(map, path, ConfigKeys.ROUTER_SETTINGS_WITHOUT_EFFECT);
		String strategy = this.reader.string(map, "routing_strategy", path);
		if (strategy != null && !ConfigKeys.ROUTING_STRATEGIES.contains(strategy)) {
			throw ConfigReader.typeError(path + ".routing_strategy", "one of " + ConfigKeys.ROUTING_STRATEGIES,
					strategy);
		}
		Boolean preCall = this.reader.bool(map, "enable_pre_call_check", path);
		Boolean preCalls = this.reader.bool(map, "enable_pre_call_checks", path);
		Map<String, String> aliases = new LinkedHashMap<>();
		this.reader.map(map.get("model_group_alias"), path + ".model_group_alias").forEach((alias, target) -> {
			Object group = (target instanceof Map<?, ?> m) ? m.get("model") : target;
			if (group == null || group instanceof Map || group instanceof List) {
				throw ConfigReader.typeError(path + ".model_group_alias." + alias, "a model group name", target);
			}
			aliases.put(alias, String.valueOf(group));
		});
		return new RouterSettings((strategy != null) ? strategy : "simple-shuffle",
				this.reader.integer(map, "num_retries", path), this.reader.number(map, "timeout", path),
				this.reader.integer(map, "allowed_fails", path), this.reader.number(map, "cooldown_time", path),
				Boolean.TRUE.equals(preCall) || Boolean.TRUE.equals(preCalls), fallbacks(map, "fallbacks", path),
				fallbacks(map, "context_window_fallbacks", path), fallbacks(map, "content_policy_fallbacks", path),
				this.reader.strings(map, "default_fallbacks", path), Collections.unmodifiableMap(aliases),
				this.reader.number(map, "retry_after", path),
				Boolean.TRUE.equals(this.reader.bool(map, "disable_cooldowns", path)),
				this.reader.integer(map, "default_max_parallel_requests", path),
				this.reader.integer(map, "default_priority", path), RouterReliability.read(this.reader, map, path),
				Boolean.TRUE.equals(this.reader.bool(map, "enable_tag_filtering", path)),
				!Boolean.FALSE.equals(this.reader.bool(map, "tag_filtering_match_any", path)));
	}

	GeneralSettings general(@Nullable Object section) {
		String path = "general_settings";
		Map<String, Object> map = this.reader.map(section, path);
		this.reader.warnUnknownKeys(map, path, ConfigKeys.GENERAL_SETTINGS);
		this.reader.warnKeysWithoutEffect(map, path, ConfigKeys.GENERAL_SETTINGS_WITHOUT_EFFECT);
		refuseUnenforcedRestrictions(map, path);
		Double maxSize = this.reader.number(map, "max_request_size_mb", path);
		if (maxSize != null && maxSize <= 0) {
			throw ConfigReader.typeError(path + ".max_request_size_mb", "a positive number", maxSize);
		}
		Integer parallel = positiveInteger(map, "max_parallel_requests", path);
		Integer globalParallel = positiveInteger(map, "global_max_parallel_requests", path);
		if (parallel == null || (globalParallel != null && globalParallel < parallel)) {
			parallel = globalParallel;
		}
		return new GeneralSettings(this.reader.string(map, "master_key", path),
				this.reader.string(map, "database_url", path), maxSize, parallel,
				Boolean.TRUE.equals(this.reader.bool(map, "disable_spend_logs", path)),
				routes(map, "allowed_routes", path), routes(map, "public_routes", path),
				routes(map, "admin_only_routes", path), false, Collections.unmodifiableMap(map));
	}

	private @Nullable Integer positiveInteger(Map<String, Object> map, String key, String path) {
		Integer value = this.reader.integer(map, key, path);
		if (value != null && value <= 0) {
			throw ConfigReader.typeError(path + "." + key, "a positive integer", value);
		}
		return value;
	}

	/** A list of routes, each starting with {@code /}. */
	private List<String> routes(Map<String, Object> map, String key, String path) {
		List<String> routes = this.reader.strings(map, key, path);
		if (routes == null) {
			return List.of();
		}
		for (int i = 0; i < routes.size(); i++) {
			if (routes.get(i) == null || !routes.get(i).startsWith("/")) {
				throw ConfigReader.typeError(path + "." + key + "[" + i + "]", "a route starting with /",
						routes.get(i));
			}
		}
		return List.copyOf(routes);
	}

	/**
	 * Settings that restrict callers and that the gateway does not enforce stop the
	 * start: running without a restriction the operator asked for would be a silent
	 * opening, not a harmless no-op.
	 */
	private void refuseUnenforcedRestrictions(Map<String, Object> map, String path) {
		if (Boolean.TRUE.equals(this.reader.bool(map, "enforce_user_param", path))) {
			throw new ConfigException(path + ".enforce_user_param requires a user on every call, but this gateway "
					+ "does not enforce it: remove it");
		}
	}

	private @Nullable BudgetDuration duration(Map<String, Object> map, String key, String path) {
		String text = this.reader.string(map, key, path);
		if (text == null || EnvironmentLookup.referencedVariable(text) != null) {
			return null;
		}
		try {
			return BudgetDuration.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new ConfigException(path + "." + key + ": " + ex.getMessage());
		}
	}

	/** Reads {@code [{"group": ["fallback", ...]}, ...]}. */
	private Map<String, List<String>> fallbacks(Map<String, Object> map, String key, String path) {
		Map<String, List<String>> result = new LinkedHashMap<>();
		List<Object> items = this.reader.list(map.get(key), path + "." + key);
		for (int i = 0; i < items.size(); i++) {
			String itemPath = path + "." + key + "[" + i + "]";
			this.reader.map(items.get(i), itemPath)
				.forEach((group, targets) -> result.put(group,
						this.reader.strings(Map.of(group, (targets != null) ? targets : List.of()), group, itemPath)));
		}
		return Collections.unmodifiableMap(result);
	}

}
