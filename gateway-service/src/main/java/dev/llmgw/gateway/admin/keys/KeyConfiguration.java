package dev.llmgw.gateway.admin.keys;

import java.util.Map;

import dev.llmgw.gateway.admin.AdminClock;
import dev.llmgw.gateway.admin.store.KeyStore;
import dev.llmgw.gateway.admin.store.TeamStore;
import dev.llmgw.gateway.admin.store.UserStore;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.auth.KeyInvalidation;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.web.MiddlewarePaths;
import dev.llmgw.ids.Ids;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The {@code /key/*} routes and {@code /spend/keys}. */
@Configuration(proxyBeanMethods = false)
public class KeyConfiguration {

	@Bean
	KeyRows keyRows(AdminClock clock, GatewayConfig config) {
		Ids.seedNow();
		return new KeyRows(clock, section(config, "default_key_generate_params"),
				section(config, "upperbound_key_generate_params"));
	}

	@Bean
	KeyEndpoints keyEndpoints(KeyStore keyStore, TeamStore teams, UserStore users, KeyRows keys, AdminClock clock,
			KeyInvalidation invalidation, JsonBodyReader bodies) {
		return new KeyEndpoints(keyStore, teams, users, keys, clock, invalidation, bodies);
	}

	@Bean
	RouterFunction<ServerResponse> keyRoutes(KeyEndpoints keys, MiddlewarePaths middlewarePaths) {
		return RouterFunctions.route()
			// what the middleware answers (a key made with an Okta token) is not answered
			// here
			.POST("/key/generate", (request) -> !middlewarePaths.routesToMiddleware(request.exchange()), keys::generate)
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
			.build();
	}

	/** A litellm_settings section of key parameters, empty when absent. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> section(GatewayConfig config, String name) {
		Object section = config.litellmSettings().raw().get(name);
		return (section instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

}
