package dev.llmgw.gateway.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.llmgw.gateway.GatewayApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole gateway instances for tests that need more than one, or settings of their own:
 * each on a free loopback port with {@link TestGatewayConfig}, plus the given
 * {@code --name=value} settings.
 */
public final class GatewayInstances {

	private GatewayInstances() {
	}

	public static ConfigurableApplicationContext start(String... settings) {
		return startWithConfig(TestGatewayConfig.path(), settings);
	}

	/** An instance with a config.yaml of the test's own. */
	public static ConfigurableApplicationContext startWithConfig(Path config, String... settings) {
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--server.address=127.0.0.1", "--gateway.config-file-path=" + config));
		args.addAll(List.of(settings));
		return new SpringApplicationBuilder(GatewayApplication.class).run(args.toArray(new String[0]));
	}

	/**
	 * An instance on a shared PostgreSQL database and the environment's Redis, as in a
	 * deployment.
	 */
	public static ConfigurableApplicationContext startShared(String databaseUrl, String... settings) {
		List<String> args = new ArrayList<>(
				List.of("--gateway.database-url=" + databaseUrl, "--gateway.redis-host=" + ExternalServices.redisHost(),
						"--gateway.redis-port=" + ExternalServices.redisPort()));
		args.addAll(List.of(settings));
		return start(args.toArray(new String[0]));
	}

	public static String baseUrl(ConfigurableApplicationContext context) {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
