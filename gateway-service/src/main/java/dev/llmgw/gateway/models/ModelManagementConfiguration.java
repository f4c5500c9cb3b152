package dev.llmgw.gateway.models;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.llmgw.gateway.admin.AdminAccess;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.GatewayProperties;
import dev.llmgw.gateway.config.ModelEntryBinder;
import dev.llmgw.gateway.pricing.PriceMap;
import dev.llmgw.gateway.redis.Broadcast;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.storage.RowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Model management: the stored models (loaded before the gateway takes requests when
 * store_model_in_db is on), their announcement across instances, and the routes.
 */
@Configuration(proxyBeanMethods = false)
public class ModelManagementConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ModelManagementConfiguration.class);

	private static final Duration STARTUP_LOAD_TIMEOUT = Duration.ofSeconds(30);

	@Bean
	StoredModels storedModels(RowStore rows, GatewayConfig config, GatewayProperties properties) {
		StoredSecrets secrets = StoredSecrets.of(config.environment().get("LITELLM_SALT_KEY"), config.masterKey());
		if (!secrets.enabled() && enabled(config, properties)) {
			log.warn("Neither LITELLM_SALT_KEY nor a master key is set: credentials of models added with /model/new "
					+ "are stored unencrypted");
		}
		return new StoredModels(rows, new ModelEntryBinder(config.environment(), config.credentials()), secrets);
	}

	@Bean(destroyMethod = "close")
	StoredModelSync storedModelSync(StoredModels store, ModelRegistry registry, GatewayConfig config,
			GatewayProperties properties) {
		StoredModelSync sync = new StoredModelSync(store, registry);
		if (enabled(config, properties)) {
			try {
				sync.reload().block(STARTUP_LOAD_TIMEOUT);
				log.info("Stored models: {} deployments in all", registry.deployments().size());
			}
			catch (RuntimeException ex) {
				// config.yaml's models still serve; the poll tries again
				log.warn("Could not load the stored models: {}", ex.toString());
			}
			sync.startPolling();
		}
		return sync;
	}

	@Bean
	ModelChangeBroadcast modelChangeBroadcast(StoredModelSync sync, GatewayConfig config, GatewayProperties properties,
			Broadcast broadcast) {
		if (!enabled(config, properties)) {
			return new ModelChangeBroadcast(broadcast, () -> {
			});
		}
		return new ModelChangeBroadcast(broadcast, () -> sync.reload()
			.subscribe(null, (error) -> log.warn("Could not reload the stored models: {}", error.toString())));
	}

	@Bean
	RouterFunction<ServerResponse> modelRoutes(ModelRegistry registry, StoredModels store, StoredModelSync sync,
			ModelChangeBroadcast broadcast, JsonBodyReader bodies, Clock clock, GatewayConfig config,
			GatewayProperties properties, PriceMap prices) {
		ModelEndpoints models = new ModelEndpoints(enabled(config, properties), registry, store, sync, broadcast,
				new ModelEntryBinder(config.environment(), config.credentials()), bodies, clock);
		ModelInfoEndpoint info = new ModelInfoEndpoint(registry, new ModelInfoView(prices));
		Map<String, Object> routerSettings = RouterSettingsView.of(config);
		return RouterFunctions.route()
			.GET("/model/info", info::info)
			.GET("/v1/model/info", info::info)
			.POST("/model/new", models::create)
			.POST("/model/update", models::update)
			.POST("/model/delete", models::delete)
			.GET("/router/settings", (request) -> {
				AdminAccess.requireReadAll(AdminAccess.caller(request.exchange()), "/router/settings");
				return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(routerSettings);
			})
			.build();
	}

	/**
	 * general_settings.store_model_in_db, or LiteLLM's STORE_MODEL_IN_DB variable, from
	 * the process or from the config's environment_variables (where the original's base
	 * config sets it).
	 */
	private static boolean enabled(GatewayConfig config, GatewayProperties properties) {
		String variable = config.environment().get("STORE_MODEL_IN_DB");
		return config.generalSettings().storeModelInDb() || properties.storeModelInDb() || (variable != null
				&& java.util.Set.of("true", "1", "yes").contains(variable.strip().toLowerCase(java.util.Locale.ROOT)));
	}

}
