package dev.llmgw.fake.reply;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionTests {

	@Test
	void aReplyWithinItsLimitsEnds() {
		Completion completion = Completion.of("You said: hi", 10, List.of("STOP"));
		assertThat(completion).isEqualTo(new Completion("You said: hi", StopReason.END, null));
		assertThat(completion.tokens()).isEqualTo(3);
	}

	@Test
	void theOutputLimitCutsAfterThatManyWords() {
		assertThat(Completion.of("one two three four", 2, List.of()))
			.isEqualTo(new Completion("one two", StopReason.MAX_TOKENS, null));
	}

	@Test
	void theEarliestStopSequenceCutsBeforeIt() {
		assertThat(Completion.of("alpha beta gamma delta", 0, List.of("delta", "beta", "")))
			.isEqualTo(new Completion("alpha ", StopReason.STOP_SEQUENCE, "beta"));
	}

	@Test
	void anEmptyReplyStillCostsOneToken() {
		assertThat(Completion.of("", 0, List.of()).tokens()).isEqualTo(1);
	}

}
