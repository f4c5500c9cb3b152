package dev.llmgw.gateway.spend.reports;

import java.time.Clock;

import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.GatewayProperties;
import dev.llmgw.gateway.pricing.PriceMap;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.storage.RowStore;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The routes that read spend: logs, reports, aggregates, daily activity and the Usage
 * summary.
 */
@Configuration(proxyBeanMethods = false)
public class SpendReportsConfiguration {

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

	@Bean(destroyMethod = "close")
	UsageWindows usageWindows(RowStore rows, Clock clock, GatewayProperties properties) {
		return new UsageWindows(rows, clock, UsageWindows.DEFAULT_KEPT, properties.usageWindowInterval());
	}

	@Bean
	UsageSummary usageSummary(RowStore rows, UsageWindows windows) {
		return new UsageSummary(rows.database(), windows);
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
