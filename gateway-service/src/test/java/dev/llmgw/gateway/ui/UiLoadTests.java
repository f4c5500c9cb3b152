package dev.llmgw.gateway.ui;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.mock.web.reactive.function.server.MockServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Pages over the limit are turned away at once, and a finished page frees its place. */
class UiLoadTests {

	@Test
	void aPageOverTheLimitGetsA503AndAFinishedPageFreesItsPlace() {
		UiLoad load = new UiLoad(1);
		Sinks.One<ServerResponse> slow = Sinks.one();
		Mono<ServerResponse> first = load.filter(MockServerRequest.builder().build(), (request) -> slow.asMono());
		first.subscribe();
		ServerResponse second = load
			.filter(MockServerRequest.builder().build(), (request) -> ServerResponse.ok().build())
			.block(Duration.ofSeconds(5));
		assertThat(second.statusCode().value()).isEqualTo(503);
		slow.tryEmitValue(ServerResponse.ok().build().block());
		ServerResponse third = load
			.filter(MockServerRequest.builder().build(), (request) -> ServerResponse.ok().build())
			.block(Duration.ofSeconds(5));
		assertThat(third.statusCode().value()).isEqualTo(200);
		// a failed page frees its place too
		load.filter(MockServerRequest.builder().build(), (request) -> Mono.error(new IllegalStateException("x")))
			.onErrorResume((ex) -> Mono.empty())
			.block(Duration.ofSeconds(5));
		assertThat(load.filter(MockServerRequest.builder().build(), (request) -> ServerResponse.ok().build())
			.block(Duration.ofSeconds(5))
			.statusCode()
			.value()).isEqualTo(200);
	}

}
