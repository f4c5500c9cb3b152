package dev.llmgw.gateway.admin.organizations;

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

/** The {@code /organization/*} routes. */
@Configuration(proxyBeanMethods = false)
public class OrganizationConfiguration {

	@Bean
	OrganizationEndpoints organizationEndpoints(OrganizationStore organizations, TeamStore teams, KeyStore keys,
			UserStore users, AdminClock clock, KeyInvalidation invalidation, JsonBodyReader bodies) {
		return new OrganizationEndpoints(organizations, teams, keys, users, clock, invalidation, bodies);
	}

	@Bean
	RouterFunction<ServerResponse> organizationRoutes(OrganizationEndpoints organizations) {
		return RouterFunctions.route()
			.POST("/organization/new", organizations::create)
			// LiteLLM's methods (PATCH, DELETE with a body), and POST for clients that
			// cannot send those
			.PATCH("/organization/update", organizations::update)
			.POST("/organization/update", organizations::update)
			.DELETE("/organization/delete", organizations::delete)
			.POST("/organization/delete", organizations::delete)
			.GET("/organization/info", organizations::info)
			.POST("/organization/info", organizations::infoMany)
			.GET("/organization/list", organizations::list)
			.POST("/organization/member_add", organizations::addMember)
			.PATCH("/organization/member_update", organizations::updateMember)
			.POST("/organization/member_update", organizations::updateMember)
			.DELETE("/organization/member_delete", organizations::deleteMember)
			.POST("/organization/member_delete", organizations::deleteMember)
			.build();
	}

}
