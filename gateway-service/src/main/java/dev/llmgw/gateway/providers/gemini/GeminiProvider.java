package dev.llmgw.gateway.providers.gemini;

import java.util.List;

import dev.llmgw.gateway.providers.ChatProvider;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.EmbeddingCall;
import dev.llmgw.gateway.providers.HttpTarget;
import dev.llmgw.gateway.providers.OpenAiEmbeddings;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.ProviderHttp;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.providers.TranslatedChat;
import dev.llmgw.model.openai.Usage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls Gemini: generateContent for chat, streamGenerateContent as server-sent events for
 * streams (the translation {@link GeminiGenerateContent}'s, the exchange
 * {@link TranslatedChat}'s), batchEmbedContents for embeddings.
 */
public final class GeminiProvider implements ChatProvider {

	private final ProviderHttp http;

	private final GeminiEmbeddingTranslator embeddings;

	private final GeminiErrorMapper errors;

	private final TranslatedChat chat;

	public GeminiProvider(ProviderHttp http, JsonMapper mapper) {
		this.http = http;
		this.embeddings = new GeminiEmbeddingTranslator(mapper);
		this.errors = new GeminiErrorMapper(mapper);
		this.chat = new TranslatedChat(http, mapper, new GeminiGenerateContent(mapper, "GeminiException"),
				(deployment, stream) -> {
					GeminiEndpoint endpoint = GeminiEndpoint.of(deployment);
					return Mono
						.just(new HttpTarget(endpoint.url(stream ? "streamGenerateContent?alt=sse" : "generateContent"),
								endpoint.headers()));
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

}
