package dev.llmgw.gateway.providers.gemini;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import tools.jackson.databind.json.JsonMapper;

/**
 * Gemini's generateContent translation for adapters that reach Gemini another way than
 * the Gemini API (Vertex AI, whose generateContent takes and gives the same bodies): the
 * same translators as {@link GeminiProvider}, request, answer, stream and errors.
 */
public final class GeminiGenerateContent implements ChatTranslator {

	private final JsonMapper mapper;

	private final OpenAiToGeminiTranslator requests;

	private final GeminiToOpenAiTranslator responses;

	private final GeminiErrorMapper errors;

	/**
	 * @param exceptionName how error messages name the provider, e.g.
	 * {@code VertexAIException}
	 */
	public GeminiGenerateContent(JsonMapper mapper, String exceptionName) {
		this.mapper = mapper;
		this.requests = new OpenAiToGeminiTranslator(mapper);
		this.responses = new GeminiToOpenAiTranslator(mapper);
		this.errors = new GeminiErrorMapper(mapper, exceptionName);
		warmUp(mapper);
	}

	/**
	 * Builds Jackson's readers and writers of Gemini's records now: built on first use
	 * under a lock, they would make concurrent first calls wait on event loops.
	 */
	private static void warmUp(JsonMapper mapper) {
		mapper.readValue(
				"{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"t\"},"
						+ "{\"functionCall\":{\"name\":\"n\",\"args\":{}}}]},\"finishReason\":\"STOP\",\"index\":0}],"
						+ "\"promptFeedback\":{},\"usageMetadata\":{\"promptTokenCount\":1}}",
				GenerateContentResponse.class);
		mapper.writeValueAsBytes(new GenerateContentRequest(
				List.of(new GeminiContent("user",
						List.of(GeminiContent.Part.text("t"), GeminiContent.Part.inline("image/png", "AA"),
								GeminiContent.Part.file("image/png", "u"), GeminiContent.Part.call("n", Map.of(), null),
								GeminiContent.Part.response("n", new LinkedHashMap<>())))),
				null,
				List.of(new GenerateContentRequest.Tool(
						List.of(new GenerateContentRequest.FunctionDeclaration("n", null, null)))),
				new GenerateContentRequest.ToolConfig(new GenerateContentRequest.FunctionCallingConfig("AUTO", null)),
				null, new GenerateContentRequest.GenerationConfig(null, null, 1, null, null, null, null, null, null,
						null, null)));
	}

	/** The {@code GenerateContentRequest} body. */
	public byte[] requestBody(ChatCompletionRequest request, Deployment deployment) {
		return this.mapper.writeValueAsBytes(this.requests.translate(request, deployment));
	}

	/** The same body streamed or not: a stream is chosen by the URL. */
	@Override
	public byte[] requestBody(ChatCompletionRequest request, Deployment deployment, boolean stream) {
		return requestBody(request, deployment);
	}

	@Override
	public ChatResult completion(byte[] body, ProviderCall call) {
		return completion(body, "chatcmpl-" + call.callId(), call.deployment().providerModel());
	}

	/** A {@code GenerateContentResponse} as an OpenAI chat completion, with its usage. */
	public ChatResult completion(byte[] body, String id, String model) {
		GenerateContentResponse response = ProviderAnswers.read(this.mapper, body, GenerateContentResponse.class,
				"gemini", "a GenerateContentResponse");
		ChatCompletion completion = this.responses.translate(response, id, model);
		Usage usage = (completion.usage() != null) ? completion.usage() : Usage.NONE;
		return new ChatResult(this.mapper.writeValueAsBytes(completion), usage);
	}

	/** The translator of one {@code streamGenerateContent?alt=sse} stream. */
	@Override
	public StreamTranslator streamTranslator(OpenAiChunkWriter writer) {
		return new GeminiStreamToOpenAiTranslator(this.mapper, writer, this.errors);
	}

	/** Google's error body, {@code {"error": {"code", "message", "status"}}}. */
	@Override
	public ProviderErrors errors() {
		return this.errors;
	}

}
