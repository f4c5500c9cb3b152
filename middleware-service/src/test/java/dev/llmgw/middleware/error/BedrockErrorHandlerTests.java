package dev.llmgw.middleware.error;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.netty.channel.AbortedException;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller hanging up is normal: on either interface it is noted once at debug with the
 * call id, never logged as an error with a stack trace.
 */
class BedrockErrorHandlerTests {

	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private final Logger disconnects = (Logger) LoggerFactory.getLogger(ClientDisconnects.class);

	private Level previous;

	private final BedrockErrorHandler handler = new BedrockErrorHandler(JsonMapper.builder().build());

	@BeforeEach
	void capture() {
		this.previous = this.disconnects.getLevel();
		this.disconnects.setLevel(Level.DEBUG);
		this.logged.start();
		this.root.addAppender(this.logged);
	}

	@AfterEach
	void release() {
		this.root.detachAppender(this.logged);
		this.disconnects.setLevel(this.previous);
	}

	@Test
	void aCallerGoingAwayMidAnswerIsNotedOnceAtDebugWithTheCallId() {
		for (String path : new String[] { "/bedrock/model/claude/converse-stream", "/v1/chat/completions" }) {
			this.logged.list.clear();
			MockServerWebExchange exchange = MockServerWebExchange
				.from(MockServerHttpRequest.post(path).header("x-litellm-call-id", "call-123").build());
			exchange.getResponse().setComplete().block();
			StepVerifier
				.create(this.handler.handle(exchange,
						new AbortedException("Connection has been closed BEFORE send operation")))
				.verifyComplete();
			assertThat(this.logged.list).hasSize(1);
			assertThat(this.logged.list.get(0).getLevel()).isEqualTo(Level.DEBUG);
			assertThat(this.logged.list.get(0).getFormattedMessage()).contains("call_id=call-123");
		}
	}

	@Test
	void aConnectionClosedBeforeTheAnswerIsNoErrorInTheLog() {
		BedrockError error = BedrockErrorHandler.classify(new AbortedException("Connection has been closed"));
		assertThat(error.status()).isEqualTo(503);
		assertThat(error.type()).isEqualTo("ServiceUnavailableException");
		assertThat(this.logged.list).noneMatch((event) -> event.getLevel().isGreaterOrEqual(Level.WARN));
	}

	@Test
	void anUnexpectedFailureIsStillLogged() {
		BedrockError error = BedrockErrorHandler.classify(new IllegalStateException("boom"));
		assertThat(error.status()).isEqualTo(500);
		assertThat(this.logged.list).extracting(ILoggingEvent::getLevel).contains(Level.ERROR);
	}

}
