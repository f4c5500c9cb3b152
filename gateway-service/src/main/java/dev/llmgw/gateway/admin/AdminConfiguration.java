package dev.llmgw.gateway.admin;

import java.time.Clock;

import dev.llmgw.gateway.admin.store.BudgetStore;
import dev.llmgw.gateway.admin.store.CustomerStore;
import dev.llmgw.gateway.admin.store.KeyStore;
import dev.llmgw.gateway.admin.store.OrganizationStore;
import dev.llmgw.gateway.admin.store.TeamStore;
import dev.llmgw.gateway.admin.store.UserStore;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.storage.Database;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the admin API's entities share: the clock their rows are stamped with and one
 * store per entity. Each entity's package (keys, users, teams, organizations, customers,
 * budgets) has its own routes (shared/spec/admin-api.md §2-4).
 */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

	@Bean
	RowStore rowStore(Database database, JsonMapper mapper) {
		return new RowStore(database, mapper);
	}

	@Bean
	AdminClock adminClock(Clock clock, GatewayConfig config) {
		return new AdminClock(clock, config.litellmSettings().budgetZone());
	}

	@Bean
	BudgetStore budgetStore(RowStore rows) {
		return new BudgetStore(rows);
	}

	@Bean
	CustomerStore customerStore(RowStore rows) {
		return new CustomerStore(rows);
	}

	@Bean
	OrganizationStore organizationStore(RowStore rows) {
		return new OrganizationStore(rows);
	}

	@Bean
	TeamStore teamStore(RowStore rows) {
		return new TeamStore(rows);
	}

	@Bean
	UserStore userStore(RowStore rows) {
		return new UserStore(rows);
	}

	@Bean
	KeyStore keyStore(RowStore rows) {
		return new KeyStore(rows);
	}

}
