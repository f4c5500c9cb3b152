package dev.llmgw.gateway.metrics;

import io.micrometer.core.instrument.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudWatch refuses a whole batch for one dimension value it does not take, so a
 * caller's value must never be published as it came.
 */
class CloudWatchPublisherTests {

	@Test
	void aValueCloudWatchRefusesIsPublishedAsOther() {
		assertThat(CloudWatchPublisher.dimension(Tag.of("requested_model", "gpt-✓")).getValue()).isEqualTo("other");
		assertThat(CloudWatchPublisher.dimension(Tag.of("requested_model", "a\tb")).getValue()).isEqualTo("other");
		assertThat(CloudWatchPublisher.dimension(Tag.of("requested_model", "  ")).getValue()).isEqualTo("None");
		assertThat(CloudWatchPublisher.dimension(Tag.of("requested_model", "gpt-4o-mini")).getValue())
			.isEqualTo("gpt-4o-mini");
	}

}
