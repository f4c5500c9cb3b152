package dev.llmgw.gateway.support;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two gateway instances sharing one new PostgreSQL database and the environment's Redis,
 * as in a deployment, with the same settings each.
 */
public final class GatewayPair implements AutoCloseable {

	private final ConfigurableApplicationContext first;

	private final ConfigurableApplicationContext second;

	private GatewayPair(ConfigurableApplicationContext first, ConfigurableApplicationContext second) {
		this.first = first;
		this.second = second;
	}

	public static GatewayPair start(String... settings) {
		String databaseUrl = ExternalServices.newPostgresDatabase();
		ConfigurableApplicationContext first = GatewayInstances.startShared(databaseUrl, settings);
		return new GatewayPair(first, GatewayInstances.startShared(databaseUrl, settings));
	}

	public AdminClient a() {
		return new AdminClient(GatewayInstances.baseUrl(this.first));
	}

	public AdminClient b() {
		return new AdminClient(GatewayInstances.baseUrl(this.second));
	}

	@Override
	public void close() {
		this.first.close();
		this.second.close();
	}

}
