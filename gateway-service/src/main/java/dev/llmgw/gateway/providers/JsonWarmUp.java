package dev.llmgw.gateway.providers;

import java.util.List;
import java.util.Map;

import dev.llmgw.model.anthropic.ContentBlock;
import dev.llmgw.model.anthropic.MessagesRequest;
import dev.llmgw.model.anthropic.MessagesResponse;
import dev.llmgw.model.anthropic.MessagesUsage;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.EmbeddingRequest;
import dev.llmgw.model.openai.ErrorBody;
import dev.llmgw.model.openai.ErrorDetail;
import dev.llmgw.model.openai.UsageEnvelope;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds Jackson's serializers and deserializers for the wire types at start-up. Jackson
 * builds each on first use under a lock; left to the first requests, several event loops
 * would wait on that lock at once.
 */
final class JsonWarmUp {

	private static final String REQUEST = "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
			+ "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":1,\"temperature\":0.5,\"x\":1,"
			+ "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{}}}],"
			+ "\"tool_choice\":\"auto\",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"n\"}}}";

	private static final String RESPONSE = "{\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,"
			+ "\"total_tokens\":2,\"prompt_tokens_details\":{}}}";

	private JsonWarmUp() {
	}

	static void run(JsonMapper mapper) {
		ChatCompletionRequest request = mapper.readValue(REQUEST, ChatCompletionRequest.class);
		mapper.writeValueAsBytes(request);
		mapper.readValue(RESPONSE, UsageEnvelope.class);
		// the /v1/messages route's body and answer
		MessagesRequest messages = mapper.readValue("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\":"
				+ "\"user\",\"content\":\"hi\"}],\"tools\":[{\"name\":\"n\",\"input_schema\":{}}],"
				+ "\"tool_choice\":{\"type\":\"auto\"}}", MessagesRequest.class);
		mapper.writeValueAsBytes(messages);
		mapper.writeValueAsBytes(new MessagesResponse("m", "message", "assistant", "m",
				List.of(ContentBlock.text("t", null)), null, null, MessagesUsage.of(1, 1, 0, 0)));
		mapper.writeValueAsBytes(
				mapper.readValue("{\"model\":\"m\",\"input\":[\"a\"],\"dimensions\":8}", EmbeddingRequest.class));
		mapper.readTree(RESPONSE);
		mapper.readValue(RESPONSE, Map.class);
		mapper.writeValueAsBytes(new ErrorBody(new ErrorDetail("m", "t", null, "400")));
		mapper.writeValueAsBytes(Map.of("k", java.util.List.of(1, "v"), "t", java.time.OffsetDateTime.now()));
	}

}
