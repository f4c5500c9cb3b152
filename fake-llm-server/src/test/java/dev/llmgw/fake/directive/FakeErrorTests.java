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
		assertThat(FakeError.parse("403")).isEqualTo(new FakeError(ErrorKind.PERMISSION, 403));
		assertThat(FakeError.parse("404")).isEqualTo(new FakeError(ErrorKind.NOT_FOUND, 404));
		assertThat(FakeError.parse("408")).isEqualTo(new FakeError(ErrorKind.TIMEOUT, 408));
	}

	@Test
	void acceptsTheKindsByName() {
		assertThat(FakeError.parse("rate_limit")).isEqualTo(FakeError.parse("429"));
		assertThat(FakeError.parse("Server_Error")).isEqualTo(FakeError.parse("500"));
		assertThat(FakeError.parse("overloaded")).isEqualTo(FakeError.parse("503"));
		assertThat(FakeError.parse("auth")).isEqualTo(FakeError.parse("401"));
		assertThat(FakeError.parse("permission")).isEqualTo(FakeError.parse("403"));
		assertThat(FakeError.parse("not_found")).isEqualTo(FakeError.parse("404"));
		assertThat(FakeError.parse("timeout")).isEqualTo(FakeError.parse("408"));
		assertThat(FakeError.parse("bad_request")).isEqualTo(FakeError.parse("400"));
	}

	@Test
	void retryAfterDefaultsToOneSecondOnlyForRateLimits() {
		assertThat(FakeError.of(ErrorKind.RATE_LIMIT).retryAfterSeconds(0)).isEqualTo(1);
		assertThat(FakeError.of(ErrorKind.RATE_LIMIT).retryAfterSeconds(5)).isEqualTo(5);
		assertThat(FakeError.of(ErrorKind.OVERLOADED).retryAfterSeconds(0)).isZero();
		assertThat(FakeError.of(ErrorKind.OVERLOADED).retryAfterSeconds(3)).isEqualTo(3);
	}

	@Test
	void takesAnyOtherErrorStatusAsIs() {
		assertThat(FakeError.parse("413")).isEqualTo(new FakeError(ErrorKind.OTHER, 413));
		assertThat(FakeError.parse("529")).isEqualTo(new FakeError(ErrorKind.OTHER, 529));
	}

	@Test
	void ignoresWhatIsNoError() {
		assertThat(FakeError.parse("200")).isNull();
		assertThat(FakeError.parse("600")).isNull();
		assertThat(FakeError.parse("sometimes")).isNull();
	}

}
