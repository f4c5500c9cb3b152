package dev.llmgw.gateway.admin.users;

import dev.llmgw.gateway.admin.AdminClock;
import dev.llmgw.gateway.admin.keys.KeyRows;
import dev.llmgw.gateway.admin.store.KeyStore;
import dev.llmgw.gateway.admin.store.TeamStore;
import dev.llmgw.gateway.admin.store.UserStore;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.auth.KeyInvalidation;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.web.MiddlewarePaths;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The {@code /user/*} routes and {@code /spend/users}. */
@Configuration(proxyBeanMethods = false)
public class UserConfiguration {

	@Bean
	UserRules userRules(AdminClock clock, GatewayConfig config) {
		return new UserRules(clock, config.litellmSettings());
	}

	@Bean
	UserEndpoints userEndpoints(UserStore users, KeyStore keyStore, TeamStore teams, KeyRows keys, UserRules rules,
			AdminClock clock, KeyInvalidation invalidation, JsonBodyReader bodies) {
		return new UserEndpoints(users, keyStore, teams, keys, rules, clock, invalidation, bodies);
	}

	@Bean
	RouterFunction<ServerResponse> userRoutes(UserEndpoints users, MiddlewarePaths middlewarePaths) {
		return RouterFunctions.route()
			// what the middleware answers (a user made with an Okta token) is not
			// answered here
			.POST("/user/new", (request) -> !middlewarePaths.routesToMiddleware(request.exchange()), users::create)
			.GET("/user/info", users::info)
			.POST("/user/update", users::update)
			.POST("/user/delete", users::delete)
			.GET("/user/list", users::list)
			.GET("/spend/users", users::spendUsers)
			.build();
	}

}
