package dev.llmgw.gateway.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two gateway instances sharing one new PostgreSQL database and the environment's Redis,
 * as in a deployment, for tests of what must hold across instances. The key cache lives
 * an hour, so that only the instances' announcements can explain a change seen on the
 * other one.
 */
public abstract class TwoGatewaysTestBase {

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	protected static AdminClient a;

	protected static AdminClient b;

	@BeforeAll
	static void startTwoInstances() {
		String databaseUrl = ExternalServices.newPostgresDatabase();
		// store_model_in_db on, so that models added on one instance can be looked for on
		// the other
		first = GatewayInstances.startShared(databaseUrl, "--gateway.auth-cache-ttl=1h",
				"--gateway.store-model-in-db=true");
		second = GatewayInstances.startShared(databaseUrl, "--gateway.auth-cache-ttl=1h",
				"--gateway.store-model-in-db=true");
		a = new AdminClient(GatewayInstances.baseUrl(first));
		b = new AdminClient(GatewayInstances.baseUrl(second));
	}

	@AfterAll
	static void stopTwoInstances() {
		if (first != null) {
			first.close();
		}
		if (second != null) {
			second.close();
		}
	}

}
