package dev.llmgw.gateway.providers.cohere;

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
import dev.llmgw.gateway.providers.RerankAnswer;
import dev.llmgw.gateway.providers.RerankCall;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.Usage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls Cohere's v2 API over the shared {@link ProviderHttp} exchange: {@code /v2/chat}
 * for chat and streams, {@code /v2/embed} for embeddings. Serves both LiteLLM prefixes,
 * {@code cohere/} and {@code cohere_chat/}.
 */
public final class CohereProvider implements ChatProvider {

	private final ProviderHttp http;

	private final JsonMapper mapper;

	private final OpenAiToCohereTranslator requests = new OpenAiToCohereTranslator();

	private final CohereToOpenAiTranslator responses = new CohereToOpenAiTranslator();

	private final CohereEmbeddingTranslator embeddings;

	private final CohereErrorMapper errors;

	public CohereProvider(ProviderHttp http, JsonMapper mapper) {
		this.http = http;
		this.mapper = mapper;
		this.embeddings = new CohereEmbeddingTranslator(mapper);
		this.errors = new CohereErrorMapper(mapper);
	}

	@Override
	public Mono<ChatResult> complete(ProviderCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> {
			CohereEndpoint endpoint = CohereEndpoint.of(deployment);
			byte[] body = this.mapper.writeValueAsBytes(this.requests.translate(call.request(), deployment, false));
			return this.http.postJson(deployment, endpoint.url("/v2/chat"), endpoint.headers(), body, this.errors)
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
			CohereEndpoint endpoint = CohereEndpoint.of(deployment);
			byte[] body = this.mapper.writeValueAsBytes(this.requests.translate(call.request(), deployment, true));
			OpenAiChunkWriter writer = new OpenAiChunkWriter(this.mapper, "chatcmpl-" + call.callId(),
					deployment.providerModel(), call.request().wantsUsageInStream(), tally);
			return this.http.postSse(deployment, endpoint.url("/v2/chat"), endpoint.headers(), body, this.errors,
					new CohereStreamToOpenAiTranslator(this.mapper, writer));
		});
	}

	@Override
	public Mono<ChatResult> embed(EmbeddingCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> {
			CohereEndpoint endpoint = CohereEndpoint.of(deployment);
			List<String> texts = OpenAiEmbeddings.texts(call.request(), "cohere");
			byte[] body = this.embeddings.body(texts, deployment.providerModel(), call.request());
			return this.http.postJson(deployment, endpoint.url("/v2/embed"), endpoint.headers(), body, this.errors)
				.map((bytes) -> {
					CohereEmbeddingTranslator.Result result = this.embeddings.openAi(bytes, deployment.providerModel(),
							texts.size());
					return new ChatResult(result.body(), result.usage());
				});
		});
	}

	/** Cohere's {@code /v2/rerank}, whose answer is LiteLLM's rerank shape already. */
	@Override
	public Mono<ChatResult> rerank(RerankCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> {
			CohereEndpoint endpoint = CohereEndpoint.of(deployment);
			byte[] body = this.mapper.writeValueAsBytes(call.request().providerBody(deployment.providerModel()));
			return this.http.postJson(deployment, endpoint.url("/v2/rerank"), endpoint.headers(), body, this.errors)
				.map((bytes) -> {
					JsonNode answer = parse(bytes);
					return RerankAnswer.of(this.mapper, call, answer.path("results"),
							answer.path("meta").path("billed_units").path("search_units").asLong(1));
				});
		});
	}

	private JsonNode parse(byte[] bytes) {
		try {
			return this.mapper.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw new UpstreamError(502, "api_error",
					"litellm.BadGatewayError: cohere returned a body that is not JSON", null);
		}
	}

}
