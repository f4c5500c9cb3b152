package dev.llmgw.gateway.spend;

import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key's soft_budget is an alert in the log once its spend passes it, never a refusal.
 */
class SoftBudgetAlertTests extends GatewayTestBase {

	@Test
	void crossingASoftBudgetIsLoggedOnce() throws Exception {
		Logger logger = (Logger) LoggerFactory.getLogger(SpendRecorder.class);
		ListAppender<ILoggingEvent> events = new ListAppender<>();
		events.start();
		logger.addAppender(events);
		try {
			AdminClient api = new AdminClient(url(""));
			String key = api.post("/key/generate", MASTER_KEY, Map.of("soft_budget", 0.000001)).text("/key");
			for (int i = 0; i < 3; i++) {
				assertThat(api.chat(key, "gpt-4o-mini").status()).as("soft budgets never refuse").isEqualTo(200);
				Thread.sleep(1500);
			}
			assertThat(events.list).filteredOn((event) -> event.getFormattedMessage().contains("soft budget crossed"))
				.hasSize(1);
		}
		finally {
			logger.detachAppender(events);
		}
	}

}
