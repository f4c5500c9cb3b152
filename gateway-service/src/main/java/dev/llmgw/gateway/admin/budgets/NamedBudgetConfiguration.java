package dev.llmgw.gateway.admin.budgets;

import dev.llmgw.gateway.admin.AdminClock;
import dev.llmgw.gateway.admin.store.BudgetStore;
import dev.llmgw.gateway.admin.store.CustomerStore;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.budget.EndUsers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The {@code /budget/*} routes (shared/spec/admin-api.md). */
@Configuration(proxyBeanMethods = false)
public class NamedBudgetConfiguration {

	@Bean
	BudgetRules budgetRules(AdminClock clock) {
		return new BudgetRules(clock);
	}

	@Bean
	BudgetEndpoints budgetEndpoints(BudgetStore budgets, CustomerStore customers, BudgetRules rules, AdminClock clock,
			JsonBodyReader bodies, EndUsers endUsers) {
		return new BudgetEndpoints(budgets, customers, rules, clock, bodies, endUsers::evictAll);
	}

	@Bean
	RouterFunction<ServerResponse> budgetRoutes(BudgetEndpoints budgets) {
		return RouterFunctions.route()
			.POST("/budget/new", budgets::create)
			.POST("/budget/update", budgets::update)
			.POST("/budget/info", budgets::info)
			.GET("/budget/list", budgets::list)
			.POST("/budget/delete", budgets::delete)
			.build();
	}

}
