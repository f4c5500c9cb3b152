package dev.llmgw.gateway.providers.cohere;

import java.util.List;

import dev.llmgw.gateway.providers.ChatProvider;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.EmbeddingCall;
import dev.llmgw.gateway.providers.HttpTarget;
import dev.llmgw.gateway.providers.OpenAiEmbeddings;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.ProviderHttp;
import dev.llmgw.gateway.providers.RerankAnswer;
import dev.llmgw.gateway.providers.RerankCall;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.providers.TranslatedChat;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls Cohere's v2 API: {@code /v2/chat} for chat and streams (the translation
 * {@link CohereChat}'s, the exchange {@link TranslatedChat}'s), {@code /v2/embed} for
 * embeddings and {@code /v2/rerank} for reranks. Serves both LiteLLM prefixes,
 * {@code cohere/} and {@code cohere_chat/}.
 */
public final class CohereProvider implements ChatProvider {

	private final ProviderHttp http;

	private final JsonMapper mapper;

	private final CohereEmbeddingTranslator embeddings;

	private final CohereErrorMapper errors;

	private final TranslatedChat chat;

	public CohereProvider(ProviderHttp http, JsonMapper mapper) {
		this.http = http;
		this.mapper = mapper;
		this.embeddings = new CohereEmbeddingTranslator(mapper);
		this.errors = new CohereErrorMapper(mapper);
		this.chat = new TranslatedChat(http, mapper, new CohereChat(mapper, this.errors), (deployment, stream) -> {
			CohereEndpoint endpoint = CohereEndpoint.of(deployment);
			return Mono.just(new HttpTarget(endpoint.url("/v2/chat"), endpoint.headers()));
		});
	}

	@Override
	public Mono<ChatResult> complete(ProviderCall call) {
		return this.chat.complete(call);
	}

	@Override
	public Flux<byte[]> stream(ProviderCall call, StreamTally tally) {
		return this.chat.stream(call, tally);
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
					JsonNode answer = CohereChat.parse(this.mapper, bytes);
					return RerankAnswer.of(this.mapper, call, answer.path("results"),
							answer.path("meta").path("billed_units").path("search_units").asLong(1));
				});
		});
	}

}
