package dev.llmgw.gateway.auth;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.GatewayProperties;
import dev.llmgw.gateway.redis.Broadcast;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.gateway.web.MiddlewarePaths;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.ServerWebExchange;

/** Who is calling: the master key, virtual keys through their cache, and the filter. */
@Configuration(proxyBeanMethods = false)
public class AuthConfiguration {

	@Bean
	KeySpendTracker keySpendTracker() {
		return new KeySpendTracker();
	}

	@Bean
	VirtualKeyAuthenticator virtualKeyAuthenticator(RowStore rows, Clock clock, GatewayProperties properties,
			KeySpendTracker spend) {
		return new VirtualKeyAuthenticator(rows, clock, properties.authCacheTtl(), properties.authCacheStaleIfError(),
				100_000, spend);
	}

	@Bean
	AuthCacheInvalidation authCacheInvalidation(VirtualKeyAuthenticator cache, Broadcast broadcast) {
		return new AuthCacheInvalidation(cache, broadcast);
	}

	@Bean
	AuthenticationFilter authenticationFilter(GatewayConfig config, MiddlewarePaths middlewarePaths,
			VirtualKeyAuthenticator virtualKeys, List<OpenPath> openPaths,
			ObjectProvider<SessionAuthenticator> sessions) {
		List<KeyAuthenticator> authenticators = new ArrayList<>();
		String masterKey = config.masterKey();
		if (masterKey != null) {
			authenticators.add(new MasterKeyAuthenticator(masterKey));
		}
		authenticators.add(virtualKeys);
		return new AuthenticationFilter(authenticators, masterKey != null,
				(exchange) -> middlewarePaths.routesToMiddleware(exchange) || open(openPaths, exchange),
				sessions.getIfAvailable(), ProxyRoutes.of(config.generalSettings()));
	}

	private static boolean open(List<OpenPath> openPaths, ServerWebExchange exchange) {
		if (openPaths.isEmpty()) {
			return false;
		}
		String path = exchange.getRequest().getPath().value();
		for (OpenPath open : openPaths) {
			if (open.matches(path)) {
				return true;
			}
		}
		return false;
	}

}
