package dev.llmgw.gateway.engine;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTagsTests {

	@Test
	void fewShortCleanTagsEachOnce() {
		assertThat(RequestTags.of(Map.of("tags", List.of("a", "b"), "metadata", Map.of("tags", List.of("b", "c")))))
			.containsExactly("a", "b", "c");
		assertThat(RequestTags.of(Map.of("tags", List.of("1", "2", "3", "4", "5", "6", "7"))))
			.hasSize(RequestTags.MOST);
		assertThat(RequestTags.of(Map.of("tags", List.of("x".repeat(1000))))).singleElement()
			.satisfies((tag) -> assertThat(tag).hasSize(RequestTags.LONGEST));
		assertThat(RequestTags.of(Map.of("tags", List.of("nul\u0000here", "nul\uFFFDhere")))).as("no NUL, and once")
			.containsExactly("nul\uFFFDhere");
		assertThat(RequestTags.of(Map.of("tags", List.of(1, true, " "), "metadata", "not a map"))).isEmpty();
		assertThat(RequestTags.of(Map.of())).isEmpty();
	}

}
