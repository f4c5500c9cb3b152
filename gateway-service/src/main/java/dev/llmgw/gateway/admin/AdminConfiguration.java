package dev.llmgw.gateway.admin;

import java.time.Clock;
import java.util.Map;

import dev.llmgw.ids.Ids;
import dev.llmgw.gateway.admin.store.BudgetStore;
import dev.llmgw.gateway.admin.store.CustomerStore;
import dev.llmgw.gateway.admin.store.KeyStore;
import dev.llmgw.gateway.admin.store.OrganizationStore;
import dev.llmgw.gateway.admin.store.TeamStore;
import dev.llmgw.gateway.admin.store.UserStore;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.auth.KeyInvalidation;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.storage.Database;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.gateway.web.MiddlewarePaths;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The admin API's parts and routes (shared/spec/admin-api.md §2-4). */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

	@Bean
	RowStore rowStore(Database database, JsonMapper mapper) {
		return new RowStore(database, mapper);
	}

	@Bean
	AdminClock adminClock(Clock clock) {
		return new AdminClock(clock);
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

	@Bean
	KeyRows keyRows(Clock clock, GatewayConfig config) {
		Ids.seedNow();
		return new KeyRows(clock, section(config, "default_key_generate_params"),
				section(config, "upperbound_key_generate_params"));
	}

	@Bean
	KeyEndpoints keyEndpoints(RowStore rows, KeyRows keys, KeyInvalidation invalidation, JsonBodyReader bodies) {
		return new KeyEndpoints(rows, keys, invalidation, bodies);
	}

	@Bean
	UserEndpoints userEndpoints(RowStore rows, KeyRows keys, KeyInvalidation invalidation, JsonBodyReader bodies,
			GatewayConfig config) {
		return new UserEndpoints(rows, keys, invalidation, bodies, config.litellmSettings());
	}

	@Bean
	RouterFunction<ServerResponse> adminRoutes(KeyEndpoints keys, UserEndpoints users,
			MiddlewarePaths middlewarePaths) {
		RequestPredicate staysHere = (request) -> !middlewarePaths.routesToMiddleware(request.exchange());
		RouterFunctions.Builder routes = RouterFunctions.route()
			.POST("/key/generate", staysHere, keys::generate)
			.POST("/key/update", keys::update)
			.POST("/key/delete", keys::delete)
			.GET("/key/info", keys::info)
			.GET("/key/list", keys::list)
			.POST("/key/regenerate", keys::regenerate)
			.POST("/key/{key}/regenerate", keys::regenerate)
			.POST("/key/block", keys::block)
			.POST("/key/unblock", keys::unblock)
			.POST("/key/health", keys::health)
			.GET("/key/aliases", keys::aliases)
			.GET("/spend/keys", keys::spendKeys)
			.GET("/spend/users", users::spendUsers)
			.POST("/user/new", staysHere, users::create)
			.GET("/user/info", users::info)
			.POST("/user/update", users::update)
			.POST("/user/delete", users::delete)
			.GET("/user/list", users::list);
		return routes.build();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> section(GatewayConfig config, String name) {
		Object section = config.litellmSettings().raw().get(name);
		return (section instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

}
