package dev.llmgw.gateway.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON log lines ({@code json_logs}): LiteLLM's fields plus the call's ids, one line per
 * event whatever the message holds, and no secret in any field.
 */
class JsonLineTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void anEventIsOneJsonLineWithLitellmsFieldsAndTheCallsIds() {
		LoggingEvent event = event("call_id={} POST /v1/chat/completions status=200", "abc-123");
		event.addKeyValuePair(new KeyValuePair("call_id", "abc-123"));
		event.addKeyValuePair(new KeyValuePair("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"));
		String line = JsonLine.of(event);
		assertThat(line).endsWith("}\n").doesNotContain("\n{");
		JsonNode json = JSON.readTree(line);
		assertThat(json.path("message").asString()).isEqualTo("call_id=abc-123 POST /v1/chat/completions status=200");
		assertThat(json.path("level").asString()).isEqualTo("INFO");
		assertThat(json.path("timestamp").asString()).endsWith("Z");
		assertThat(json.path("logger").asString()).isEqualTo("dev.llmgw.gateway.access");
		assertThat(json.path("call_id").asString()).isEqualTo("abc-123");
		assertThat(json.path("trace_id").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Test
	void hostileTextStaysInsideItsFieldAndSecretsAreMasked() {
		LoggingEvent event = event("failed for {}",
				"key=sk-live-0123456789abcdef \"quoted\" \\ \n{\"level\":\"FAKE\"}\u0000");
		event.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(
				new IllegalStateException("token=secret-token-value in the stack")));
		String line = JsonLine.of(event);
		assertThat(line.chars().filter((c) -> c == '\n').count()).as("one line").isEqualTo(1);
		JsonNode json = JSON.readTree(line);
		assertThat(json.path("level").asString()).isEqualTo("INFO");
		assertThat(json.path("message").asString()).contains("\"quoted\"").contains("{\"level\":\"FAKE\"}");
		assertThat(line).doesNotContain("sk-live-0123456789abcdef").doesNotContain("secret-token-value");
		assertThat(json.path("stacktrace").asString()).contains("IllegalStateException");
	}

	private static LoggingEvent event(String format, Object argument) {
		// the running logging system's context, which has the MDC adapter events read
		LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
		return new LoggingEvent(JsonLineTests.class.getName(), context.getLogger("dev.llmgw.gateway.access"),
				Level.INFO, format, null, new Object[] { argument });
	}

}
