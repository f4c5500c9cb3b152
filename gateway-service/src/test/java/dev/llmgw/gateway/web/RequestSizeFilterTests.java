package dev.llmgw.gateway.web;

import dev.llmgw.memory.InFlightBodyBudget;
import java.nio.charset.StandardCharsets;

import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.RequestTooLargeError;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-flight budget: bodies reserve as they are read, by Content-Length or buffer by
 * buffer, are refused with 503 and Retry-After beyond it (413 when they could never fit),
 * and give everything back exactly once when the request ends, however it ends.
 */
class RequestSizeFilterTests {

	private final InFlightBodyBudget budget = new InFlightBodyBudget(100);

	private final RequestSizeFilter filter = new RequestSizeFilter(1000, this.budget, (exchange) -> false);

	/** Reads the whole body, as the handlers do, and then checks what it holds. */
	private final WebFilterChain reading = (exchange) -> DataBufferUtils.join(exchange.getRequest().getBody())
		.doOnNext(DataBufferUtils::release)
		.then();

	@Test
	void aBodyHoldsItsBytesUntilTheRequestEndsAndThenGivesThemBack() {
		long[] heldWhileRead = new long[1];
		WebFilterChain chain = (exchange) -> DataBufferUtils.join(exchange.getRequest().getBody())
			.doOnNext((buffer) -> heldWhileRead[0] = this.budget.used())
			.doOnNext(DataBufferUtils::release)
			.then();
		StepVerifier.create(this.filter.filter(post(chunks(30, 30)), chain)).verifyComplete();
		assertThat(heldWhileRead[0]).isEqualTo(60);
		assertThat(this.budget.used()).isZero();
	}

	@Test
	void aDeclaredLengthIsReservedAtOnce() {
		long[] heldWhileRead = new long[1];
		WebFilterChain chain = (exchange) -> exchange.getRequest()
			.getBody()
			.take(1)
			.doOnNext((buffer) -> heldWhileRead[0] = this.budget.used())
			.doOnNext(DataBufferUtils::release)
			.then();
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.post("/v1/chat/completions").contentLength(80).body(chunks(10, 70)));
		StepVerifier.create(this.filter.filter(exchange, chain)).verifyComplete();
		assertThat(heldWhileRead[0]).isEqualTo(80);
		assertThat(this.budget.used()).isZero();
	}

	@Test
	void beyondTheBudgetAChunkedBodyIsRefusedWith503AndRetryAfter() {
		// another request holds most of the budget
		assertThat(this.budget.tryReserve(70)).isTrue();
		MockServerWebExchange exchange = post(chunks(20, 20));
		StepVerifier.create(this.filter.filter(exchange, this.reading))
			.verifyErrorSatisfies((error) -> assertThat(((GatewayError) error).status()).isEqualTo(503));
		assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
		assertThat(this.budget.used()).as("its first 20 bytes were given back").isEqualTo(70);
		this.budget.release(70);
	}

	@Test
	void aBodyLargerThanTheWholeBudgetIsA413() {
		StepVerifier.create(this.filter.filter(post(chunks(60, 60)), this.reading))
			.verifyErrorSatisfies((error) -> assertThat(error).isInstanceOf(RequestTooLargeError.class)
				.hasMessageContaining("GATEWAY_MAX_IN_FLIGHT_REQUEST_MB"));
		assertThat(this.budget.used()).isZero();
	}

	@Test
	void aCancelledRequestGivesItsBytesBack() {
		WebFilterChain stalled = (
				exchange) -> exchange.getRequest().getBody().doOnNext(DataBufferUtils::release).then(Mono.never());
		StepVerifier.create(this.filter.filter(post(Flux.concat(chunks(40), Flux.never())), stalled))
			.thenAwait()
			.then(() -> assertThat(this.budget.used()).isEqualTo(40))
			.thenCancel()
			.verify();
		assertThat(this.budget.used()).isZero();
	}

	@Test
	void forwardedBodiesStreamThroughUnbudgeted() {
		RequestSizeFilter forwarding = new RequestSizeFilter(1000, this.budget, (exchange) -> true);
		StepVerifier.create(forwarding.filter(post(chunks(60, 60)), this.reading)).verifyComplete();
		assertThat(this.budget.used()).isZero();
	}

	private static MockServerWebExchange post(Flux<DataBuffer> body) {
		return MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions").body(body));
	}

	private static Flux<DataBuffer> chunks(int... sizes) {
		return Flux.fromArray(java.util.Arrays.stream(sizes).boxed().toArray(Integer[]::new))
			.map((size) -> DefaultDataBufferFactory.sharedInstance
				.wrap("x".repeat(size).getBytes(StandardCharsets.US_ASCII)));
	}

}
