package dev.llmgw.gateway.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Two gateway instances sharing one new PostgreSQL database and the environment's Redis,
 * as in a deployment, for tests of what must hold across instances. The key cache lives
 * an hour, so that only the instances' announcements can explain a change seen on the
 * other one.
 */
public abstract class TwoGatewaysTestBase {

	private static GatewayPair pair;

	protected static AdminClient a;

	protected static AdminClient b;

	@BeforeAll
	static void startTwoInstances() {
		// store_model_in_db on, so that models added on one instance can be looked for on
		// the other
		pair = GatewayPair.start("--gateway.auth-cache-ttl=1h", "--gateway.store-model-in-db=true");
		a = pair.a();
		b = pair.b();
	}

	@AfterAll
	static void stopTwoInstances() {
		if (pair != null) {
			pair.close();
		}
	}

}
