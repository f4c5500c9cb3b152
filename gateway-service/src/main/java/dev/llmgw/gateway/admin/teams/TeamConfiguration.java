package dev.llmgw.gateway.admin.teams;

import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.admin.AdminClock;
import dev.llmgw.gateway.admin.store.KeyStore;
import dev.llmgw.gateway.admin.store.OrganizationStore;
import dev.llmgw.gateway.admin.store.TeamStore;
import dev.llmgw.gateway.admin.store.UserStore;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.auth.KeyInvalidation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The {@code /team/*} routes and {@code /v2/team/list}. */
@Configuration(proxyBeanMethods = false)
public class TeamConfiguration {

	@Bean
	TeamEndpoints teamEndpoints(TeamStore teams, KeyStore keys, UserStore users, OrganizationStore organizations,
			AdminClock clock, KeyInvalidation invalidation, JsonBodyReader bodies, GatewayConfig config) {
		return new TeamEndpoints(teams, keys, users,
				new TeamRules(teams, organizations, clock, config.litellmSettings().raw()), clock, invalidation,
				bodies);
	}

	@Bean
	RouterFunction<ServerResponse> teamRoutes(TeamEndpoints teams) {
		return RouterFunctions.route()
			.POST("/team/new", teams::create)
			.GET("/team/info", teams::info)
			.POST("/team/update", teams::update)
			.POST("/team/delete", teams::delete)
			.GET("/team/list", teams::list)
			.POST("/team/member_add", teams::addMember)
			.POST("/team/member_delete", teams::deleteMember)
			.POST("/team/member_update", teams::updateMember)
			.POST("/team/model/add", teams::addModels)
			.POST("/team/model/delete", teams::deleteModels)
			.GET("/v2/team/list", teams::listPage)
			.POST("/team/block", teams::block)
			.POST("/team/unblock", teams::unblock)
			.build();
	}

}
