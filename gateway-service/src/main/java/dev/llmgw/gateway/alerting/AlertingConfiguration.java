package dev.llmgw.gateway.alerting;

import java.time.Clock;
import java.time.Duration;

import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.engine.CallListener;
import dev.llmgw.gateway.routing.Cooldowns;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Slack alerting when {@code general_settings.alerting} names {@code slack}: a call
 * listener for the call alerts, a watcher of the router's cooldowns for
 * {@code cooldown_deployment}, one webhook sender for both.
 */
@Configuration(proxyBeanMethods = false)
public class AlertingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AlertingConfiguration.class);

	@Bean
	AlertSettings alertSettings(GatewayConfig config) {
		AlertSettings settings = AlertSettings.from(config.generalSettings().raw(), config.environment());
		settings.warnings().forEach((warning) -> log.warn("config: {}", warning));
		if (settings.enabled()) {
			log.info("Alerting: Slack webhook for {}", settings.webhooks().keySet().stream().sorted().toList());
		}
		return settings;
	}

	/** None without alerting: no thread, and no listener for the calls to queue for. */
	@Bean(destroyMethod = "close")
	@Nullable SlackWebhook slackWebhook(AlertSettings settings, JsonMapper mapper, Clock clock,
			@Value("${gateway.alert-flush-interval:5s}") Duration flushEvery) {
		return settings.enabled() ? new SlackWebhook(settings, mapper, clock, flushEvery) : null;
	}

	@Bean
	@Nullable CallListener alertListener(AlertSettings settings, ObjectProvider<SlackWebhook> webhooks, Clock clock,
			Cooldowns cooldowns) {
		SlackWebhook webhook = webhooks.getIfAvailable();
		if (webhook == null) {
			return null;
		}
		if (settings.sends("cooldown_deployment")) {
			cooldowns.watch((deployment, status) -> webhook.send("cooldown_deployment", "Low",
					"Deployment cooled down after failures (last status " + status + "): model `"
							+ deployment.modelName() + "`, deployment `" + deployment.id() + "`, API base `"
							+ deployment.apiBase() + "`"));
		}
		return new AlertListener(settings, webhook, clock);
	}

}
