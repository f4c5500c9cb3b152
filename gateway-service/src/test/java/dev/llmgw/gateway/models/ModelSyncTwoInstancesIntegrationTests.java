package dev.llmgw.gateway.models;

import java.time.Duration;
import java.util.Map;
import java.util.function.IntPredicate;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.TestGatewayConfig;
import dev.llmgw.gateway.support.TwoGatewaysTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances sharing one PostgreSQL database and one Redis: a model added or deleted
 * through one answers, or stops answering, on the other within two seconds, well before
 * the 30 s poll could explain it.
 */
class ModelSyncTwoInstancesIntegrationTests extends TwoGatewaysTestBase {

	private static final String MASTER = TestGatewayConfig.MASTER_KEY;

	@Test
	void aModelAddedOnOneInstanceAnswersOnTheOther() throws InterruptedException {
		String name = ModelManagementIntegrationTests.unique("shared");
		assertThat(b.chat(MASTER, name).status()).as("unknown on B at first").isEqualTo(400);
		AdminClient.Reply created = a.post("/model/new", MASTER, ModelManagementIntegrationTests.newModel(name));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		assertThat(withinTwoSeconds(name, (status) -> status == 200)).as("B answers for the new model").isTrue();
		assertThat(b.get("/model/info?litellm_model_id=" + created.text("/model_id"), MASTER).status()).isEqualTo(200);

		assertThat(a.post("/model/delete", MASTER, Map.of("id", created.text("/model_id"))).status()).isEqualTo(200);
		assertThat(withinTwoSeconds(name, (status) -> status == 400)).as("B forgets the deleted model").isTrue();
	}

	private static boolean withinTwoSeconds(String model, IntPredicate expected) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (System.nanoTime() < deadline) {
			if (expected.test(b.chat(MASTER, model).status())) {
				return true;
			}
			Thread.sleep(20);
		}
		return false;
	}

}
