package dev.llmgw.gateway.storage;

import java.nio.file.Path;

import dev.llmgw.gateway.config.ConfigException;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.GatewayProperties;
import dev.llmgw.storage.Database;
import dev.llmgw.storage.DatabaseConnector;
import dev.llmgw.storage.DatabaseSettings;
import dev.llmgw.storage.InvalidDatabaseUrlException;
import dev.llmgw.storage.Migrations;
import io.r2dbc.pool.ConnectionPool;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects the database named by {@code DATABASE_URL} (or general_settings.database_url),
 * else the embedded H2 file database under {@code GATEWAY_DATA_DIR}, and migrates it with
 * Flyway before anything uses it. Wired here rather than by auto-configuration because
 * the choice between the two is the gateway's own rule.
 */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

	@Bean
	DatabaseSettings databaseSettings(GatewayProperties properties, GatewayConfig config) {
		String url = properties.databaseUrl();
		if (url == null || url.isBlank()) {
			url = config.generalSettings().databaseUrl();
		}
		if (url == null || url.isBlank() || url.startsWith("os.environ/")) {
			return DatabaseSettings.embedded(Path.of(properties.dataDir()), "gateway");
		}
		try {
			return DatabaseSettings.parse(url);
		}
		catch (InvalidDatabaseUrlException ex) {
			throw new ConfigException(ex.getMessage());
		}
	}

	@Bean(destroyMethod = "dispose")
	ConnectionPool connectionFactory(DatabaseSettings settings, GatewayProperties properties) {
		return DatabaseConnector.migrateAndConnect(settings, Migrations.gateway(), properties.databasePoolSize());
	}

	@Bean
	Database database(ConnectionPool connectionFactory, DatabaseSettings settings) {
		return DatabaseConnector.database(connectionFactory, settings);
	}

}
