package dev.llmgw.model.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Token counts of a Messages response; {@code input_tokens} excludes cache reads and
 * writes, which are counted apart. Read from a provider a count may be missing or null (a
 * stream's message_delta repeats only some); written, all four are given.
 *
 * @param inputTokens uncached input tokens
 * @param outputTokens generated tokens
 * @param cacheCreationInputTokens tokens written to the prompt cache
 * @param cacheReadInputTokens tokens read from the prompt cache
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessagesUsage(@JsonProperty("input_tokens") @Nullable Long inputTokens,
		@JsonProperty("output_tokens") @Nullable Long outputTokens,
		@JsonProperty("cache_creation_input_tokens") @Nullable Long cacheCreationInputTokens,
		@JsonProperty("cache_read_input_tokens") @Nullable Long cacheReadInputTokens) {

	public static MessagesUsage of(long input, long output, long cacheWrite, long cacheRead) {
		return new MessagesUsage(input, output, cacheWrite, cacheRead);
	}

	/** Each count of {@code later} that is given, else this one's. */
	public MessagesUsage updatedBy(@Nullable MessagesUsage later) {
		if (later == null) {
			return this;
		}
		return new MessagesUsage(first(later.inputTokens, this.inputTokens),
				first(later.outputTokens, this.outputTokens),
				first(later.cacheCreationInputTokens, this.cacheCreationInputTokens),
				first(later.cacheReadInputTokens, this.cacheReadInputTokens));
	}

	public long input() {
		return count(this.inputTokens);
	}

	public long output() {
		return count(this.outputTokens);
	}

	public long cacheWrite() {
		return count(this.cacheCreationInputTokens);
	}

	public long cacheRead() {
		return count(this.cacheReadInputTokens);
	}

	private static long count(@Nullable Long value) {
		return (value != null) ? value : 0;
	}

	private static @Nullable Long first(@Nullable Long value, @Nullable Long fallback) {
		return (value != null) ? value : fallback;
	}

}
