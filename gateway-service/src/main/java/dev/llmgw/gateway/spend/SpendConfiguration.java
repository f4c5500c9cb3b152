package dev.llmgw.gateway.spend;

import dev.llmgw.gateway.auth.KeySpendTracker;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.pricing.PriceMap;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.config.GatewayProperties;
import dev.llmgw.gateway.storage.RowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Prices, spend recording and the spend routes. */
@Configuration(proxyBeanMethods = false)
public class SpendConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SpendConfiguration.class);

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

	@Bean
	SpendEndpoints spendEndpoints(RowStore rows, GatewayConfig config) {
		return new SpendEndpoints(rows.database(), config.litellmSettings().maxBudget());
	}

	@Bean
	CostEndpoint costEndpoint(PriceMap prices, ModelRegistry models, JsonBodyReader bodies) {
		return new CostEndpoint(prices, models, bodies);
	}

	@Bean
	DailyActivity dailyActivity(RowStore rows) {
		return new DailyActivity(rows.database());
	}

	@Bean
	SpendAggregates spendAggregates(RowStore rows, JsonBodyReader bodies) {
		return new SpendAggregates(rows.database(), bodies);
	}

	@Bean
	UsageSummary usageSummary(RowStore rows) {
		return new UsageSummary(rows.database());
	}

	@Bean
	RouterFunction<ServerResponse> spendRoutes(SpendEndpoints spend, CostEndpoint cost, DailyActivity daily,
			SpendAggregates aggregates, UsageSummary summary) {
		return RouterFunctions.route()
			.GET("/spend/summary", summary::summary)
			.GET("/global/spend/keys", aggregates::keys)
			.GET("/global/spend/models", aggregates::models)
			.GET("/global/spend/teams", aggregates::teams)
			.POST("/global/spend/end_users", aggregates::endUsers)
			.POST("/spend/calculate", cost::calculate)
			.GET("/user/daily/activity", daily::users)
			.GET("/team/daily/activity", daily::teams)
			.GET("/tag/daily/activity", daily::tags)
			.GET("/global/spend/tags", aggregates::tags)
			.GET("/spend/tags", aggregates::tagTotals)
			.GET("/spend/logs", spend::logs)
			.GET("/global/spend", spend::global)
			.GET("/global/spend/report", spend::report)
			.build();
	}

}
