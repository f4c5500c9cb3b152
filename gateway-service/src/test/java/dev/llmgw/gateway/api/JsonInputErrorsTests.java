package dev.llmgw.gateway.api;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.model.openai.ChatCompletionRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A body that does not fit is refused in the caller's terms, the JSON field and the JSON
 * type it takes, as OpenAI does: never a Java class or a parser feature.
 */
class JsonInputErrorsTests {

	private final JsonBodyReader reader = new JsonBodyReader(JsonMapper.builder().build(), 1024 * 1024);

	@Test
	void aStringForMessagesNamesAnArrayOfMessageObjects() {
		assertRefused("{\"model\":\"m\",\"messages\":\"hi\"}", "messages",
				"messages must be an array of message objects, not a string");
	}

	@Test
	void aWordForTemperatureNamesANumber() {
		assertRefused("{\"model\":\"m\",\"temperature\":\"hot\"}", "temperature",
				"temperature must be a number, not a string");
	}

	@Test
	void malformedJsonSaysWhereWithoutParserFeatures() {
		assertRefused("{not json", null, "Malformed JSON in request body at line 1, column 2");
		assertRefused("{\"model\":NaN}", null,
				"Malformed JSON in request body at line 1, column 13: Non-standard token 'NaN'");
		assertRefused("// a comment\n{}", null, "Malformed JSON in request body at line 1, column 1");
		assertRefused("{'model':'m'}", null, "was expecting double-quote to start property name");
	}

	@Test
	void otherTypesAreNamedInJsonTerms() {
		assertRefused("{\"stream\":\"yes\"}", "stream", "stream must be a boolean, not a string");
		assertRefused("{\"max_tokens\":[1]}", "max_tokens", "max_tokens must be an integer, not an array");
		assertRefused("{\"model\":{}}", "model", "model must be a string, not an object");
		assertRefused("{\"messages\":[\"hi\"]}", "messages[0]", "messages[0] must be a message object, not a string");
		assertRefused("{\"stream_options\":3}", "stream_options",
				"stream_options must be a stream option object, not a number");
		assertRefused("[1]", null, "The request body must be an object, not an array");
	}

	@Test
	void aNullMessageIsNamed() {
		assertRefused("{\"messages\":[null]}", "messages[0]", "messages[0] must not be null");
	}

	@Test
	void malformedToolsAreRefusedWhenTheBodyIsRead() {
		assertRefused("{\"tools\":\"search\"}", "tools", "tools must be an array of tool objects, not a string");
		assertRefused("{\"tools\":[null]}", "tools[0]", "tools[0] must not be null");
		assertRefused("{\"tools\":[{\"type\":\"function\"}]}", "tools[0]",
				"tools[0]: a tool of type function needs a function object with a name");
		assertRefused("{\"tools\":[{\"type\":\"function\",\"function\":{\"description\":\"d\"}}]}", "tools[0].function",
				"tools[0].function: name is required");
		assertRefused("{\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":\"x\"}}]}",
				"tools[0].function.parameters",
				"tools[0].function.parameters must be a parameter object, not a string");
	}

	@Test
	void aToolChoiceThatIsNoModeAndNamesNoTypeIsRefused() {
		assertRefused("{\"tool_choice\":\" \"}", "tool_choice", "tool_choice: must be none, auto, required or");
		assertRefused("{\"tool_choice\":{\"function\":{\"name\":\"f\"}}}", "tool_choice",
				"tool_choice: an object needs a type");
		assertRefused("{\"tool_choice\":{\"type\":\"function\",\"function\":{}}}", "tool_choice",
				"tool_choice: a choice of type function needs function.name");
		assertRefused("{\"tool_choice\":7}", "tool_choice", "tool_choice: must be a string");
	}

	@Test
	void aResponseFormatWithoutItsTypeOrSchemaIsRefused() {
		assertRefused("{\"response_format\":{}}", "response_format", "response_format: type is required");
		assertRefused("{\"response_format\":{\"type\":\"json_schema\"}}", "response_format",
				"response_format: json_schema is required when type is json_schema");
		assertRefused("{\"response_format\":\"json\"}", "response_format",
				"response_format must be a response format object, not a string");
	}

	private void assertRefused(String body, String param, String message) {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.post("/v1/chat/completions").body(body));
		BadRequestError error = catchThrowableOfType(BadRequestError.class,
				() -> this.reader.read(exchange, ChatCompletionRequest.class).block());
		assertThat(error).as(body).isNotNull();
		assertThat(error.getMessage()).as(body)
			.contains(message)
			.doesNotContain("java.")
			.doesNotContain("dev.llmgw")
			.doesNotContain("`")
			.doesNotContain("Feature")
			.doesNotContain("Creator");
		assertThat(error.param()).as(body).isEqualTo(param);
	}

}
