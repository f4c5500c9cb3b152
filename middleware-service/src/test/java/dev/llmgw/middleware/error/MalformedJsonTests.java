package dev.llmgw.middleware.error;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body that is not JSON is refused with where it breaks and what the parser expected,
 * on both interfaces (Converse in Bedrock's shape, chat history in OpenAI's), never with
 * Jackson's parser features or Java names. Both routes parse the body before they ask the
 * gateway anything, so no gateway is needed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MalformedJsonTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void nowhere(DynamicPropertyRegistry registry) throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		int port = closed;
		registry.add("middleware.gateway-url", () -> "http://127.0.0.1:" + port);
		registry.add("server.address", () -> "127.0.0.1");
	}

	@Test
	void converseSaysWhereTheJsonBreaksWithoutParserInternals() throws Exception {
		HttpResponse<String> response = post("/bedrock/model/claude/converse", "// a comment\n{}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException");
		String message = JSON.readTree(response.body()).path("message").asString();
		assertThat(message).startsWith("Malformed JSON in request body at line 1, column 1");
		assertNoInternals(message);
	}

	@Test
	void converseStreamAndHistorySayTheSame() throws Exception {
		HttpResponse<String> stream = post("/bedrock/model/claude/converse-stream", "{\"messages\":NaN}");
		assertThat(stream.statusCode()).as(stream.body()).isEqualTo(400);
		String message = JSON.readTree(stream.body()).path("message").asString();
		assertThat(message).startsWith("Malformed JSON in request body at line 1, column 16: Non-standard token 'NaN'");
		assertNoInternals(message);

		HttpResponse<String> history = post("/session-ids", "{'page': 1}");
		assertThat(history.statusCode()).as(history.body()).isEqualTo(400);
		JsonNode error = JSON.readTree(history.body()).path("error");
		assertThat(error.path("message").asString()).startsWith("Malformed JSON in request body at line 1, column 2")
			.contains("was expecting double-quote to start property name");
		assertNoInternals(error.path("message").asString());
	}

	@Test
	void aConverseBodyOfTheWrongShapeNamesTheField() throws Exception {
		HttpResponse<String> response = post("/bedrock/model/claude/converse",
				"{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException");
		String message = JSON.readTree(response.body()).path("message").asString();
		assertThat(message).contains("'messages[0].content'");
		assertNoInternals(message);
		HttpResponse<String> config = post("/bedrock/model/claude/converse-stream",
				"{\"messages\":[],\"inferenceConfig\":{\"maxTokens\":\"many\"}}");
		assertThat(config.statusCode()).as(config.body()).isEqualTo(400);
		assertThat(JSON.readTree(config.body()).path("message").asString()).contains("'inferenceConfig.maxTokens'");
		HttpResponse<String> array = post("/bedrock/model/claude/converse", "[1]");
		assertThat(array.statusCode()).as(array.body()).isEqualTo(400);
		assertThat(JSON.readTree(array.body()).path("message").asString()).contains("'body'");
	}

	@Test
	void aNullInAListOfTheBodyIsAValidationExceptionNamingIt() throws Exception {
		HttpResponse<String> response = post("/bedrock/model/claude/converse",
				"{\"messages\":[{\"role\":\"user\",\"content\":[null]}]}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).path("message").asString()).contains("'messages[0].content[0]'");
		HttpResponse<String> tools = post("/bedrock/model/claude/converse",
				"{\"messages\":[],\"toolConfig\":{\"tools\":[null]}}");
		assertThat(tools.statusCode()).as(tools.body()).isEqualTo(400);
	}

	private static void assertNoInternals(String message) {
		assertThat(message).doesNotContain("Feature", "ALLOW_", "`", "java.", "tools.jackson",
				"Malformed request body");
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer sk-somebody")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
