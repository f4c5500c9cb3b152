package dev.llmgw.gateway.config;

import java.nio.file.Path;
import java.time.Clock;

import dev.llmgw.cloud.SecretsEnvironmentPostProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Reads config.yaml (or its S3 copy) into {@link GatewayConfig}; each feature wires its
 * own parts from it in a configuration of its own package.
 */
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
						+ "starting with the built-in catalog, as the original deployment does");
				config = BuiltInCatalog.load(loader, environment);
			}
			else {
				config = loader.load(path);
			}
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
	Clock clock() {
		return Clock.systemUTC();
	}

}
