package dev.llmgw.gateway.spend;

import dev.llmgw.gateway.auth.KeySpendTracker;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.GatewayProperties;
import dev.llmgw.gateway.storage.RowStore;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Spend recording: after each call, in batches, once (the routes that read it:
 * spend.reports).
 */
@Configuration(proxyBeanMethods = false)
public class SpendConfiguration {

	@Bean(destroyMethod = "close")
	SpendRecorder spendRecorder(RowStore rows, JsonMapper mapper, GatewayConfig config, GatewayProperties properties) {
		return new SpendRecorder(rows, mapper, !config.generalSettings().disableSpendLogs(),
				properties.spendFlushInterval());
	}

	@Bean
	SpendLogListener spendLogListener(SpendRecorder recorder) {
		return new SpendLogListener(recorder);
	}

	/**
	 * First of the listeners, so that those told after it (metrics' remaining key budget)
	 * read the key's spend with the call in it.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	KeySpendListener keySpendListener(KeySpendTracker keySpend) {
		return new KeySpendListener(keySpend);
	}

}
