package dev.llmgw.gateway.routes;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.llmgw.gateway.api.ErrorBodies;
import dev.llmgw.gateway.api.RouteMethods;
import dev.llmgw.gateway.messages.AnthropicErrorBodies;
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
 * A caller that hangs up after its answer began is noted once at debug with the call id,
 * not warned about; any other failure after the answer began still is.
 */
class OpenAiErrorHandlerTests {

	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(OpenAiErrorHandler.class);

	private Level previous;

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final OpenAiErrorHandler handler = new OpenAiErrorHandler(new ErrorBodies(this.mapper),
			new AnthropicErrorBodies(this.mapper), new RouteMethods(java.util.List::of));

	@BeforeEach
	void capture() {
		this.previous = this.logger.getLevel();
		this.logger.setLevel(Level.DEBUG);
		this.logged.start();
		this.logger.addAppender(this.logged);
	}

	@AfterEach
	void release() {
		this.logger.detachAppender(this.logged);
		this.logger.setLevel(this.previous);
	}

	@Test
	void aCallerGoingAwayIsNotedOnceAtDebug() {
		MockServerWebExchange exchange = startedAnswer();
		StepVerifier
			.create(this.handler.handle(exchange,
					new AbortedException("Connection has been closed BEFORE send operation")))
			.verifyComplete();
		assertThat(this.logged.list).hasSize(1);
		ILoggingEvent event = this.logged.list.get(0);
		assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
		assertThat(event.getFormattedMessage()).contains("call_id=").contains("went away");
		assertThat(event.getThrowableProxy()).as("no stack trace").isNull();
	}

	@Test
	void anotherFailureAfterTheAnswerBeganIsStillAWarning() {
		MockServerWebExchange exchange = startedAnswer();
		StepVerifier.create(this.handler.handle(exchange, new IllegalStateException("boom")))
			.verifyError(IllegalStateException.class);
		assertThat(this.logged.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN);
	}

	private static MockServerWebExchange startedAnswer() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.post("/v1/chat/completions").build());
		exchange.getResponse().setComplete().block();
		return exchange;
	}

}
