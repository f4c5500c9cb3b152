package dev.llmgw.gateway.providers.openai;

import java.nio.charset.StandardCharsets;

import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.ContentPolicyViolationError;
import dev.llmgw.gateway.error.ContextWindowExceededError;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.error.RateLimitError;
import dev.llmgw.gateway.error.UpstreamError;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiErrorMapperTests {

	private final OpenAiErrorMapper mapper = new OpenAiErrorMapper(JsonMapper.builder().build());

	@Test
	void contextWindowByCodeNotByMessage() {
		GatewayError error = map(400,
				"{\"error\":{\"message\":\"too long\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}");
		assertThat(error).isInstanceOf(ContextWindowExceededError.class);
		assertThat(error.status()).isEqualTo(400);
		assertThat(error.code()).as("LiteLLM's code is the status").isEqualTo("400");
		assertThat(error.param()).isEqualTo("messages");
		assertThat(error.type()).isEqualTo("invalid_request_error");
		assertThat(error.getMessage())
			.isEqualTo("litellm.ContextWindowExceededError: litellm.BadRequestError: OpenAIException - too long");
		assertThat(map(400, "{\"error\":{\"message\":\"context_length_exceeded mentioned\"}}"))
			.isExactlyInstanceOf(BadRequestError.class);
	}

	@Test
	void eachStatusKeepsItsClass() {
		assertThat(map(401, "{\"error\":{\"message\":\"bad key\"}}")).isInstanceOf(AuthenticationError.class);
		assertThat(map(404, "{\"error\":{\"message\":\"no model\"}}")).isInstanceOf(NotFoundError.class);
		assertThat(map(400, "{\"error\":{\"code\":\"content_policy_violation\",\"message\":\"no\"}}"))
			.isInstanceOf(ContentPolicyViolationError.class);
		GatewayError server = map(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}");
		assertThat(server).isInstanceOf(UpstreamError.class);
		assertThat(server.status()).isEqualTo(503);
		assertThat(server.isRetryable()).isTrue();
		assertThat(server.type()).as("the provider's own type").isEqualTo("server_error");
		assertThat(server.getMessage()).startsWith("litellm.ServiceUnavailableError: OpenAIException - overloaded");
		assertThat(map(422, "{\"detail\":\"bad field\"}").status()).isEqualTo(422);
	}

	@Test
	void rateLimitKeepsRetryAfter() {
		GatewayError error = this.mapper.map(429, bytes("{\"error\":{\"message\":\"slow down\"}}"), "7", "groq");
		assertThat(error).isInstanceOf(RateLimitError.class);
		assertThat(((RateLimitError) error).retryAfter()).isEqualTo("7");
		assertThat(error.getMessage()).isEqualTo("litellm.RateLimitError: groqException - slow down");
		assertThat(error.type()).isEqualTo("rate_limit_error");
	}

	@Test
	void nonJsonAndEmptyBodiesStillGiveAMessage() {
		assertThat(map(502, "<html>bad gateway</html>").getMessage()).contains("<html>bad gateway</html>");
		assertThat(map(500, "").getMessage()).contains("(empty response body)");
		assertThat(map(400, "{\"error\":\"plain string\"}").getMessage()).endsWith("plain string");
	}

	private GatewayError map(int status, String body) {
		return this.mapper.map(status, bytes(body), null, "openai");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
