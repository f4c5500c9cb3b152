package dev.llmgw.middleware.metrics;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code model} label comes from the caller's path: cleaned, cut, and its distinct
 * values bounded.
 */
class ModelLabelsTests {

	@Test
	void controlCharactersBecomeSpacesAndLongIdsAreCut() {
		ModelLabels labels = new ModelLabels();
		assertThat(labels.of("anthropic.claude-3-haiku")).isEqualTo("anthropic.claude-3-haiku");
		assertThat(labels.of("a\nb\rc\td\u2028e\u007f")).isEqualTo("a b c d e ");
		assertThat(labels.of("m".repeat(300))).isEqualTo("m".repeat(ModelLabels.MAX_CHARS));
		assertThat(labels.of("x\n".repeat(200))).hasSize(ModelLabels.MAX_CHARS).doesNotContain("\n");
	}

	@Test
	void pastTheBoundNewModelsAreOtherAndKnownOnesStay() {
		ModelLabels labels = new ModelLabels();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < ModelLabels.MAX_MODELS; i++) {
			seen.add(labels.of("model-" + i));
		}
		assertThat(seen).hasSize(ModelLabels.MAX_MODELS).doesNotContain(ModelLabels.OTHER);
		assertThat(labels.of("model-" + ModelLabels.MAX_MODELS)).isEqualTo(ModelLabels.OTHER);
		assertThat(labels.of("one-more")).isEqualTo(ModelLabels.OTHER);
		assertThat(labels.of("model-7")).isEqualTo("model-7");
		assertThat(labels.of("model-" + (ModelLabels.MAX_MODELS - 1)))
			.isEqualTo("model-" + (ModelLabels.MAX_MODELS - 1));
	}

}
