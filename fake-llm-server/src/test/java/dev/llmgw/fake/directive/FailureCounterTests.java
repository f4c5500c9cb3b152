package dev.llmgw.fake.directive;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailureCounterTests {

	private static final FakeError ERROR = FakeError.of(ErrorKind.INTERNAL_SERVER);

	private final FailureCounter counter = new FailureCounter();

	@Test
	void failsEveryRequestWithoutFailTimes() {
		Directives directives = directives(0, null);
		for (int i = 0; i < 3; i++) {
			assertThat(this.counter.errorFor(directives, "m")).isEqualTo(ERROR);
		}
	}

	@Test
	void failsOnlyTheFirstRequestsPerKey() {
		Directives directives = directives(2, null);
		assertThat(this.counter.errorFor(directives, "a")).isEqualTo(ERROR);
		assertThat(this.counter.errorFor(directives, "b")).isEqualTo(ERROR);
		assertThat(this.counter.errorFor(directives, "a")).isEqualTo(ERROR);
		assertThat(this.counter.errorFor(directives, "a")).isNull();
		assertThat(this.counter.errorFor(directives, "b")).isEqualTo(ERROR);
		assertThat(this.counter.errorFor(directives, "b")).isNull();
	}

	@Test
	void anExplicitFailKeyReplacesTheModel() {
		Directives directives = directives(1, "shared");
		assertThat(this.counter.errorFor(directives, "a")).isEqualTo(ERROR);
		assertThat(this.counter.errorFor(directives, "b")).isNull();
	}

	@Test
	void noErrorMeansNoFailure() {
		assertThat(this.counter.errorFor(Directives.NONE, "m")).isNull();
	}

	private static Directives directives(int failTimes, String failKey) {
		return new Directives(0, 0, 0, null, false, null, ERROR, 0, -1, failTimes, failKey, false);
	}

}
