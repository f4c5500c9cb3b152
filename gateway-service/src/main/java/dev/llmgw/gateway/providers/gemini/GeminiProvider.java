package dev.llmgw.gateway.providers.gemini;

import java.util.List;

import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.providers.ChatProvider;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.EmbeddingCall;
import dev.llmgw.gateway.providers.OpenAiChunkWriter;
import dev.llmgw.gateway.providers.OpenAiEmbeddings;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.ProviderHttp;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.Usage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls Gemini over the shared {@link ProviderHttp} exchange: generateContent for chat,
 * streamGenerateContent as server-sent events for streams, batchEmbedContents for
 * embeddings.
 */
public final class GeminiProvider implements ChatProvider {

	private final ProviderHttp http;

	private final JsonMapper mapper;

	private final OpenAiToGeminiTranslator requests;

	private final GeminiToOpenAiTranslator responses = new GeminiToOpenAiTranslator();

	private final GeminiEmbeddingTranslator embeddings;

	private final GeminiErrorMapper errors;

	public GeminiProvider(ProviderHttp http, JsonMapper mapper) {
		this.http = http;
		this.mapper = mapper;
		this.requests = new OpenAiToGeminiTranslator(mapper);
		this.embeddings = new GeminiEmbeddingTranslator(mapper);
		this.errors = new GeminiErrorMapper(mapper);
	}

	@Override
	public Mono<ChatResult> complete(ProviderCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> {
			GeminiEndpoint endpoint = GeminiEndpoint.of(deployment);
			byte[] body = this.mapper.writeValueAsBytes(this.requests.translate(call.request(), deployment));
			return this.http
				.postJson(deployment, endpoint.url("generateContent"), endpoint.headers(), body, this.errors)
				.map((bytes) -> {
					ChatCompletion completion = this.responses.translate(parse(bytes), "chatcmpl-" + call.callId(),
							deployment.providerModel());
					Usage usage = (completion.usage() != null) ? completion.usage() : Usage.NONE;
					return new ChatResult(this.mapper.writeValueAsBytes(completion), usage);
				});
		});
	}

	@Override
	public Flux<byte[]> stream(ProviderCall call, StreamTally tally) {
		Deployment deployment = call.deployment();
		return Flux.defer(() -> {
			GeminiEndpoint endpoint = GeminiEndpoint.of(deployment);
			byte[] body = this.mapper.writeValueAsBytes(this.requests.translate(call.request(), deployment));
			OpenAiChunkWriter writer = new OpenAiChunkWriter(this.mapper, "chatcmpl-" + call.callId(),
					deployment.providerModel(), call.request().wantsUsageInStream(), tally);
			return this.http.postSse(deployment, endpoint.url("streamGenerateContent?alt=sse"), endpoint.headers(),
					body, this.errors, new GeminiStreamToOpenAiTranslator(this.mapper, writer, this.errors));
		});
	}

	@Override
	public Mono<ChatResult> embed(EmbeddingCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> {
			GeminiEndpoint endpoint = GeminiEndpoint.of(deployment);
			String model = GeminiEndpoint.modelId(deployment.providerModel());
			List<String> texts = OpenAiEmbeddings.texts(call.request(), "gemini");
			byte[] body = this.embeddings.body(texts, model, call.request());
			Usage usage = GeminiEmbeddingTranslator.estimatedUsage(texts);
			return this.http
				.postJson(deployment, endpoint.url("batchEmbedContents"), endpoint.headers(), body, this.errors)
				.map((bytes) -> new ChatResult(this.embeddings.openAiBody(bytes, model, texts.size(), usage), usage));
		});
	}

	private JsonNode parse(byte[] bytes) {
		try {
			return this.mapper.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw new UpstreamError(502, "api_error",
					"litellm.BadGatewayError: gemini returned a body that is not JSON", null);
		}
	}

}
