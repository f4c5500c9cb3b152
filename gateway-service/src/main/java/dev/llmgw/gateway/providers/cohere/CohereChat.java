package dev.llmgw.gateway.providers.cohere;

import java.util.List;

import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.ChatTranslator;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.OpenAiChunkWriter;
import dev.llmgw.gateway.providers.ProviderAnswers;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.ProviderErrors;
import dev.llmgw.gateway.providers.StreamTranslator;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.Usage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cohere's v2 chat schema against OpenAI's: request, answer, stream events and errors.
 */
final class CohereChat implements ChatTranslator {

	private final JsonMapper mapper;

	private final OpenAiToCohereTranslator requests = new OpenAiToCohereTranslator();

	private final CohereToOpenAiTranslator responses;

	private final CohereErrorMapper errors;

	CohereChat(JsonMapper mapper, CohereErrorMapper errors) {
		this.mapper = mapper;
		this.errors = errors;
		this.responses = new CohereToOpenAiTranslator(mapper);
		warmUp(mapper);
	}

	/**
	 * Builds Jackson's readers and writers of Cohere's records now: built on first use
	 * under a lock, they would make concurrent first calls wait on event loops.
	 */
	private static void warmUp(JsonMapper mapper) {
		mapper.readValue("{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\",\"message\":"
				+ "{\"content\":[{\"type\":\"text\",\"text\":\"t\"}],\"tool_calls\":[{\"id\":\"i\",\"function\":"
				+ "{\"name\":\"n\",\"arguments\":\"{}\"}}]},\"usage\":{\"tokens\":{\"input_tokens\":1}}}}",
				CohereChatResponse.Event.class);
		mapper.readValue("{\"id\":\"i\",\"message\":{\"content\":[]}}", CohereChatResponse.class);
		mapper.writeValueAsBytes(new CohereChatRequest("m",
				List.of(new CohereChatRequest.Message("user", "t", null, null, null)), null, null, null, null, null,
				null, null, null, null, null, null, new CohereChatRequest.ResponseFormat("json_object", null)));
	}

	@Override
	public byte[] requestBody(ChatCompletionRequest request, Deployment deployment, boolean stream) {
		return this.mapper.writeValueAsBytes(this.requests.translate(request, deployment, stream));
	}

	@Override
	public ChatResult completion(byte[] body, ProviderCall call) {
		ChatCompletion completion = this.responses.translate(answer(body), "chatcmpl-" + call.callId(),
				call.deployment().providerModel());
		Usage usage = (completion.usage() != null) ? completion.usage() : Usage.NONE;
		return new ChatResult(this.mapper.writeValueAsBytes(completion), usage);
	}

	@Override
	public StreamTranslator streamTranslator(OpenAiChunkWriter writer) {
		return new CohereStreamToOpenAiTranslator(this.mapper, writer);
	}

	@Override
	public ProviderErrors errors() {
		return this.errors;
	}

	private CohereChatResponse answer(byte[] bytes) {
		return ProviderAnswers.read(this.mapper, bytes, CohereChatResponse.class, "cohere", "a chat response");
	}

	static JsonNode parse(JsonMapper mapper, byte[] bytes) {
		try {
			return mapper.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw new UpstreamError(502, "api_error",
					"litellm.BadGatewayError: cohere returned a body that is not JSON", null);
		}
	}

}
