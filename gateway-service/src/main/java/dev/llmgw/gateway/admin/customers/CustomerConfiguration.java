package dev.llmgw.gateway.admin.customers;

import dev.llmgw.gateway.admin.AdminClock;
import dev.llmgw.gateway.admin.budgets.BudgetRules;
import dev.llmgw.gateway.admin.store.BudgetStore;
import dev.llmgw.gateway.admin.store.CustomerStore;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.budget.EndUsers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The {@code /customer/*} routes, also under LiteLLM's older {@code /end_user/*}. */
@Configuration(proxyBeanMethods = false)
public class CustomerConfiguration {

	@Bean
	CustomerEndpoints customerEndpoints(CustomerStore customers, BudgetStore budgets, BudgetRules budgetRules,
			AdminClock clock, JsonBodyReader bodies, EndUsers endUsers) {
		return new CustomerEndpoints(customers, budgets, budgetRules, clock, bodies, endUsers::evict);
	}

	@Bean
	RouterFunction<ServerResponse> customerRoutes(CustomerEndpoints customers) {
		RouterFunctions.Builder routes = RouterFunctions.route();
		for (String prefix : new String[] { "/customer", "/end_user" }) {
			routes.POST(prefix + "/new", customers::create)
				.GET(prefix + "/info", customers::info)
				.POST(prefix + "/update", customers::update)
				.POST(prefix + "/delete", customers::delete)
				.POST(prefix + "/block", customers::block)
				.POST(prefix + "/unblock", customers::unblock)
				.GET(prefix + "/list", customers::list);
		}
		return routes.build();
	}

}
