package dev.llmgw.gateway.config;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.llmgw.cloud.SecretsEnvironmentPostProcessor;
import dev.llmgw.gateway.api.ErrorBodies;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.api.OpenAiErrorHandler;
import dev.llmgw.gateway.api.RouteMethods;
import dev.llmgw.gateway.messages.AnthropicErrorBodies;
import dev.llmgw.gateway.auth.AuthCacheInvalidation;
import dev.llmgw.gateway.auth.AuthenticationFilter;
import dev.llmgw.gateway.auth.KeyAuthenticator;
import dev.llmgw.gateway.auth.KeySpendTracker;
import dev.llmgw.gateway.auth.MasterKeyAuthenticator;
import dev.llmgw.gateway.auth.VirtualKeyAuthenticator;
import dev.llmgw.gateway.providers.ProviderRegistry;
import dev.llmgw.gateway.providers.UpstreamClient;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.gateway.web.CallIdFilter;
import dev.llmgw.gateway.web.CrossOriginFilter;
import dev.llmgw.memory.InFlightBodyBudget;
import dev.llmgw.gateway.web.MiddlewarePaths;
import dev.llmgw.gateway.web.RequestBodyProperties;
import dev.llmgw.gateway.web.RequestSizeFilter;
import io.lettuce.core.RedisURI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RouterFunction;

/** Wires the gateway's parts from the loaded config.yaml. */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

	private static final Logger log = LoggerFactory.getLogger(GatewayConfiguration.class);

	@Bean
	GatewayConfig gatewayConfig(GatewayProperties properties, Environment spring) {
		// secrets read from Secrets Manager at start-up answer os.environ/NAME like the
		// process environment, ahead of it
		EnvironmentLookup environment = EnvironmentLookup.of(System.getenv())
			.overlaidBy(SecretsEnvironmentPostProcessor.secrets(spring));
		ConfigLoader loader = new ConfigLoader(environment);
		GatewayConfig config;
		if (S3ConfigSource.requested(properties)) {
			config = S3ConfigSource.load(properties, loader);
		}
		else {
			Path path = ConfigLoader.locate(properties.configFilePath());
			if (path == null) {
				log.warn("No config file found (CONFIG_FILE_PATH, config/config.yaml, config/default-config.yaml): "
						+ "starting with no models");
				return GatewayConfig.empty("(none)", environment);
			}
			config = loader.load(path);
		}
		String source = config.source();
		config.warnings().forEach((warning) -> log.warn("config {}: {}", source, warning));
		log.info("Loaded {} with {} deployments", config.source(), config.modelList().size());
		if (config.masterKey() == null) {
			log.warn("No master key is set (LITELLM_MASTER_KEY or general_settings.master_key): every request "
					+ "is accepted without authentication");
		}
		return config;
	}

	@Bean
	ModelRegistry modelRegistry(GatewayConfig config) {
		return new ModelRegistry(config);
	}

	@Bean(destroyMethod = "dispose")
	UpstreamClient upstreamClient(GatewayProperties properties) {
		return new UpstreamClient(properties.connectTimeout(), properties.maxConnections(),
				properties.idleConnectionTimeout());
	}

	@Bean(destroyMethod = "dispose")
	ProviderRegistry providerRegistry(UpstreamClient client, JsonMapper mapper, GatewayConfig config) {
		JsonWarmUp.run(mapper);
		return new ProviderRegistry(client, mapper, config.environment());
	}

	@Bean
	MiddlewarePaths middlewarePaths(GatewayProperties properties) {
		return new MiddlewarePaths(properties.middlewareUrl() != null && !properties.middlewareUrl().isBlank());
	}

	@Bean
	CrossOriginFilter crossOriginFilter(@Value("${gateway.cors-allowed-origins:*}") String origins,
			MiddlewarePaths middlewarePaths) {
		return new CrossOriginFilter(origins, middlewarePaths);
	}

	@Bean
	CallIdFilter callIdFilter(MiddlewarePaths middlewarePaths) {
		return new CallIdFilter(middlewarePaths);
	}

	@Bean
	RequestSizeFilter requestSizeFilter(JsonBodyReader bodies, RequestBodyProperties properties,
			MiddlewarePaths middlewarePaths) {
		long budget = properties.budgetBytes();
		log.info("Request bodies: at most {} MB each, {} MB in flight together", bodies.maxBytes() / (1024 * 1024),
				budget / (1024 * 1024));
		if (budget < bodies.maxBytes()) {
			log.warn("general_settings.max_request_size_mb is more than the in-flight budget (an eighth of the heap "
					+ "unless GATEWAY_MAX_IN_FLIGHT_REQUEST_MB is set): bodies over {} MB are refused; give the "
					+ "gateway more memory to take larger ones", budget / (1024 * 1024));
		}
		return new RequestSizeFilter(bodies.maxBytes(), new InFlightBodyBudget(budget),
				(exchange) -> middlewarePaths.routesToMiddleware(exchange.getRequest()));
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

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

	@Bean(destroyMethod = "close")
	AuthCacheInvalidation authCacheInvalidation(VirtualKeyAuthenticator cache, GatewayProperties properties) {
		RedisURI redis = RedisSettings.from(properties);
		log.info("Shared state: {}", (redis != null) ? "Redis " + redis.getHost() + ":" + redis.getPort()
				: "none (REDIS_HOST unset): this instance works alone");
		return new AuthCacheInvalidation(cache, redis);
	}

	@Bean
	AuthenticationFilter authenticationFilter(GatewayConfig config, MiddlewarePaths middlewarePaths,
			VirtualKeyAuthenticator virtualKeys) {
		List<KeyAuthenticator> authenticators = new ArrayList<>();
		String masterKey = config.masterKey();
		if (masterKey != null) {
			authenticators.add(new MasterKeyAuthenticator(masterKey));
		}
		authenticators.add(virtualKeys);
		return new AuthenticationFilter(authenticators, masterKey != null,
				(exchange) -> middlewarePaths.routesToMiddleware(exchange.getRequest()));
	}

	@Bean
	JsonBodyReader jsonBodyReader(JsonMapper mapper, GatewayConfig config, GatewayProperties properties) {
		Double configured = config.generalSettings().maxRequestSizeMb();
		double megabytes = (configured != null) ? configured : properties.defaultMaxRequestSizeMb();
		return new JsonBodyReader(mapper, (long) (megabytes * 1024 * 1024));
	}

	@Bean
	ErrorBodies errorBodies(JsonMapper mapper) {
		return new ErrorBodies(mapper);
	}

	@Bean
	AnthropicErrorBodies anthropicErrorBodies(JsonMapper mapper) {
		return new AnthropicErrorBodies(mapper);
	}

	@Bean
	OpenAiErrorHandler openAiErrorHandler(ErrorBodies errorBodies, AnthropicErrorBodies anthropicErrorBodies,
			ObjectProvider<RouterFunction<?>> routes) {
		return new OpenAiErrorHandler(errorBodies, anthropicErrorBodies,
				new RouteMethods(() -> routes.orderedStream().toList()));
	}

}
