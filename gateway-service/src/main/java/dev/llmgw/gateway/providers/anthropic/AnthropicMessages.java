package dev.llmgw.gateway.providers.anthropic;

import java.util.LinkedHashMap;
import java.util.List;

import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.ChatTranslator;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.OpenAiChunkWriter;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.ProviderErrors;
import dev.llmgw.gateway.providers.StreamTranslator;
import dev.llmgw.model.anthropic.ContentBlock;
import dev.llmgw.model.anthropic.MessagesRequest;
import dev.llmgw.model.anthropic.MessagesResponse;
import dev.llmgw.model.anthropic.MessagesStreamEvent;
import dev.llmgw.model.anthropic.MessagesTool;
import dev.llmgw.model.anthropic.MessagesToolChoice;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.Usage;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Messages API translation for adapters that reach Claude through another provider
 * (Vertex AI's rawPredict, which takes the same body with its own version field and
 * answers in the same shape): the same translators as {@link AnthropicProvider}, request,
 * answer, stream and errors.
 */
public final class AnthropicMessages implements ChatTranslator {

	private final JsonMapper mapper;

	private final OpenAiToAnthropicTranslator requests;

	private final AnthropicToOpenAiTranslator responses;

	private final AnthropicErrorMapper errors;

	public AnthropicMessages(JsonMapper mapper) {
		this.mapper = mapper;
		this.requests = new OpenAiToAnthropicTranslator(mapper);
		this.responses = new AnthropicToOpenAiTranslator(mapper);
		this.errors = new AnthropicErrorMapper(mapper);
		warmUp(mapper);
	}

	/**
	 * Builds Jackson's readers and writers of the Messages records now: built on first
	 * use under a lock, they would make concurrent first calls wait on event loops.
	 */
	private static void warmUp(JsonMapper mapper) {
		MessagesResponse answer = mapper.readValue("{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\","
				+ "\"model\":\"m\",\"content\":[{\"type\":\"text\",\"text\":\"t\"},{\"type\":\"tool_use\",\"id\":\"i\","
				+ "\"name\":\"n\",\"input\":{}}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":1,"
				+ "\"output_tokens\":1}}", MessagesResponse.class);
		mapper.writeValueAsBytes(answer);
		mapper.readValue("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
				+ "\"text\":\"t\"},\"usage\":{\"output_tokens\":1}}", MessagesStreamEvent.class);
		mapper.writeValueAsBytes(new MessagesRequest("m",
				List.of(new MessagesRequest.Message("user", List.of(ContentBlock.text("t", null)))), null, 1, null,
				null, null, null, null, List.of(MessagesTool.client("n", null, new LinkedHashMap<>(), null)),
				MessagesToolChoice.of("auto", null), null, null));
	}

	/**
	 * The Messages request, {@code model} included, for the caller to change before
	 * writing it.
	 */
	public MessagesRequest request(ChatCompletionRequest request, Deployment deployment, boolean stream) {
		return this.requests.body(request, deployment, stream);
	}

	@Override
	public byte[] requestBody(ChatCompletionRequest request, Deployment deployment, boolean stream) {
		return this.requests.translate(request, deployment, stream);
	}

	@Override
	public ChatResult completion(byte[] body, ProviderCall call) {
		return completion(body);
	}

	/** A Messages response as an OpenAI chat completion, with its usage. */
	public ChatResult completion(byte[] body) {
		ChatCompletion completion = this.responses.translate(body);
		Usage usage = (completion.usage() != null) ? completion.usage() : Usage.NONE;
		return new ChatResult(this.mapper.writeValueAsBytes(completion), usage);
	}

	/** The translator of one stream of Messages events. */
	@Override
	public StreamTranslator streamTranslator(OpenAiChunkWriter writer) {
		return new AnthropicStreamToOpenAiTranslator(this.mapper, writer, this.errors);
	}

	/**
	 * Anthropic's error body, {@code {"type": "error", "error": {"type", "message"}}}.
	 */
	@Override
	public ProviderErrors errors() {
		return this.errors;
	}

}
