package dev.llmgw.gateway.alerting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.config.ConfigException;
import dev.llmgw.gateway.config.EnvironmentLookup;
import org.jspecify.annotations.Nullable;

/**
 * {@code general_settings.alerting} and its kin, read as LiteLLM reads them, with its
 * defaults: {@code alerting_threshold} 300 s, {@code alert_types} LiteLLM's default list,
 * {@code alert_to_webhook_url} per type, else {@code SLACK_WEBHOOK_URL};
 * {@code alerting_args}' {@code budget_alert_ttl} (a day), {@code outage_alert_ttl} (60
 * s), {@code minor_outage_alert_threshold} (5) and {@code major_outage_alert_threshold}
 * (10).
 *
 * @param enabled {@code slack} is among {@code alerting}
 * @param threshold a call slower than this is too slow
 * @param types the alert types to send
 * @param webhooks per type, the webhook URLs
 * @param budgetAlertTtl how long one budget event per budget is not repeated
 * @param outageWindow how long an outage's errors are counted together
 * @param minorOutage errors of a deployment in the window for a minor outage
 * @param majorOutage errors for a major outage
 * @param proxyUrl PROXY_BASE_URL, shown in every alert when set
 * @param warnings what was named but is not sent, for the start-up log
 */
public record AlertSettings(boolean enabled, Duration threshold, Set<String> types, Map<String, List<String>> webhooks,
		Duration budgetAlertTtl, Duration outageWindow, int minorOutage, int majorOutage, @Nullable String proxyUrl,
		List<String> warnings) {

	/** What this gateway sends. */
	static final Set<String> SENT = Set.of("llm_exceptions", "llm_too_slow", "budget_alerts", "outage_alerts",
			"cooldown_deployment");

	/** LiteLLM's default alert types. */
	static final List<String> DEFAULT_TYPES = List.of("llm_exceptions", "llm_too_slow", "llm_requests_hanging",
			"budget_alerts", "spend_reports", "failed_tracking_spend", "db_exceptions", "daily_reports",
			"cooldown_deployment", "new_model_added", "outage_alerts", "region_outage_alerts", "fallback_reports");

	/** Every alert type LiteLLM has. */
	static final Set<String> KNOWN_TYPES;

	static {
		Set<String> known = new LinkedHashSet<>(DEFAULT_TYPES);
		known.addAll(List.of("new_virtual_key_created", "virtual_key_updated", "virtual_key_deleted",
				"new_team_created", "team_updated", "team_deleted", "new_internal_user_created",
				"internal_user_updated", "internal_user_deleted"));
		KNOWN_TYPES = Set.copyOf(known);
	}

	static final AlertSettings OFF = new AlertSettings(false, Duration.ofSeconds(300), Set.of(), Map.of(),
			Duration.ofDays(1), Duration.ofSeconds(60), 5, 10, null, List.of());

	/**
	 * @param general {@code general_settings} as written
	 * @param environment for SLACK_WEBHOOK_URL and PROXY_BASE_URL
	 * @return the settings
	 * @throws ConfigException naming the path of a value that cannot be taken
	 */
	static AlertSettings from(Map<String, Object> general, EnvironmentLookup environment) {
		List<String> channels = strings(general.get("alerting"), "general_settings.alerting");
		if (channels.isEmpty()) {
			return OFF;
		}
		List<String> warnings = new ArrayList<>();
		for (String channel : channels) {
			if (!channel.equals("slack")) {
				warnings.add("general_settings.alerting: \"" + channel + "\" is not supported (only slack, or any "
						+ "Slack-compatible webhook); nothing is sent to it");
			}
		}
		boolean slack = channels.contains("slack");
		List<String> named = general.containsKey("alert_types")
				? strings(general.get("alert_types"), "general_settings.alert_types") : DEFAULT_TYPES;
		Set<String> types = new LinkedHashSet<>();
		List<String> unsent = new ArrayList<>();
		for (String type : named) {
			if (!KNOWN_TYPES.contains(type)) {
				throw new ConfigException("general_settings.alert_types: unknown alert type \"" + type + "\" (one of "
						+ KNOWN_TYPES.stream().sorted().toList() + ")");
			}
			if (SENT.contains(type)) {
				types.add(type);
			}
			else {
				unsent.add(type);
			}
		}
		if (slack && !unsent.isEmpty()) {
			warnings.add("general_settings.alert_types: not sent by this gateway: " + unsent);
		}
		Map<String, List<String>> webhooks = new LinkedHashMap<>();
		String fallback = environment.get("SLACK_WEBHOOK_URL");
		Map<String, Object> perType = map(general.get("alert_to_webhook_url"), "general_settings.alert_to_webhook_url");
		for (String type : types) {
			List<String> urls = perType.containsKey(type)
					? strings(perType.get(type), "general_settings.alert_to_webhook_url." + type)
					: (fallback != null && !fallback.isBlank()) ? List.of(fallback.trim()) : List.of();
			for (String url : urls) {
				if (!url.startsWith("https://") && !url.startsWith("http://")) {
					throw new ConfigException("general_settings.alert_to_webhook_url." + type
							+ ": expected an http(s) URL (the value is not shown: a webhook URL is a secret)");
				}
			}
			if (!urls.isEmpty()) {
				webhooks.put(type, List.copyOf(urls));
			}
		}
		if (slack && webhooks.isEmpty() && !types.isEmpty()) {
			throw new ConfigException("general_settings.alerting: slack needs a webhook: set SLACK_WEBHOOK_URL "
					+ "(or general_settings.alert_to_webhook_url)");
		}
		for (String type : types) {
			if (slack && !webhooks.containsKey(type)) {
				warnings.add("general_settings.alerting: no webhook for " + type + " (SLACK_WEBHOOK_URL is unset): "
						+ "not sent");
			}
		}
		Map<String, Object> args = map(general.get("alerting_args"), "general_settings.alerting_args");
		String proxy = environment.get("PROXY_BASE_URL");
		return new AlertSettings(slack, seconds(general.get("alerting_threshold"), 300, "alerting_threshold"),
				Set.copyOf(types), Map.copyOf(webhooks),
				seconds(args.get("budget_alert_ttl"), 86_400, "alerting_args.budget_alert_ttl"),
				seconds(args.get("outage_alert_ttl"), 60, "alerting_args.outage_alert_ttl"),
				(int) number(args.get("minor_outage_alert_threshold"), 5, "alerting_args.minor_outage_alert_threshold"),
				(int) number(args.get("major_outage_alert_threshold"), 10,
						"alerting_args.major_outage_alert_threshold"),
				(proxy != null && !proxy.isBlank()) ? proxy.trim() : null, List.copyOf(warnings));
	}

	boolean sends(String type) {
		return this.enabled && this.webhooks.containsKey(type);
	}

	private static Duration seconds(@Nullable Object value, double fallback, String key) {
		return Duration.ofMillis(Math.round(number(value, fallback, key) * 1000));
	}

	private static double number(@Nullable Object value, double fallback, String key) {
		if (value == null) {
			return fallback;
		}
		try {
			double number = (value instanceof Number n) ? n.doubleValue() : Double.parseDouble(String.valueOf(value));
			if (number > 0 && Double.isFinite(number)) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// refused below, naming the key
		}
		throw new ConfigException("general_settings." + key + ": expected a positive number, got " + value);
	}

	private static List<String> strings(@Nullable Object value, String path) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof String text) {
			return List.of(text);
		}
		if (!(value instanceof List<?> list)) {
			throw new ConfigException(path + ": expected a list");
		}
		List<String> strings = new ArrayList<>();
		for (Object item : list) {
			if (!(item instanceof String text)) {
				throw new ConfigException(path + ": expected a list of strings");
			}
			strings.add(text.trim());
		}
		return strings;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(@Nullable Object value, String path) {
		if (value == null) {
			return Map.of();
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw new ConfigException(path + ": expected a mapping");
		}
		return (Map<String, Object>) map;
	}

	@Override
	public String toString() {
		// the webhook URLs are secrets
		return "AlertSettings[enabled=" + this.enabled + ", types=" + this.types + "]";
	}

}
