package dev.llmgw.fake.directive;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FakeErrorTests {

	@Test
	void namesEachSupportedFailure() {
		assertThat(FakeError.parse("429")).isEqualTo(new FakeError(ErrorKind.RATE_LIMIT, 429));
		assertThat(FakeError.parse("500")).isEqualTo(new FakeError(ErrorKind.INTERNAL_SERVER, 500));
		assertThat(FakeError.parse("503")).isEqualTo(new FakeError(ErrorKind.OVERLOADED, 503));
		assertThat(FakeError.parse("401")).isEqualTo(new FakeError(ErrorKind.AUTHENTICATION, 401));
		assertThat(FakeError.parse("400")).isEqualTo(new FakeError(ErrorKind.BAD_REQUEST, 400));
		assertThat(FakeError.parse("context")).isEqualTo(new FakeError(ErrorKind.CONTEXT_WINDOW_EXCEEDED, 400));
		assertThat(FakeError.parse("content_policy")).isEqualTo(new FakeError(ErrorKind.CONTENT_POLICY, 400));
	}

	@Test
	void takesAnyOtherErrorStatusAsIs() {
		assertThat(FakeError.parse("404")).isEqualTo(new FakeError(ErrorKind.OTHER, 404));
		assertThat(FakeError.parse("529")).isEqualTo(new FakeError(ErrorKind.OTHER, 529));
	}

	@Test
	void ignoresWhatIsNoError() {
		assertThat(FakeError.parse("200")).isNull();
		assertThat(FakeError.parse("600")).isNull();
		assertThat(FakeError.parse("sometimes")).isNull();
	}

}
