package dev.llmgw.gateway.providers;

import java.util.function.BiFunction;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat exchange every translating provider shares (Anthropic, Gemini, Cohere, Vertex
 * AI): the request translated, posted over {@link ProviderHttp}, the answer or each
 * stream event translated back to OpenAI's form by the provider's {@link ChatTranslator}.
 * A provider keeps only where its calls go and what it has besides chat (embeddings,
 * rerank).
 */
public final class TranslatedChat {

	private final ProviderHttp http;

	private final JsonMapper mapper;

	private final ChatTranslator translator;

	private final BiFunction<Deployment, Boolean, Mono<HttpTarget>> targets;

	/**
	 * @param targets where a deployment's call goes, whole ({@code false}) or streamed
	 * ({@code true})
	 */
	public TranslatedChat(ProviderHttp http, JsonMapper mapper, ChatTranslator translator,
			BiFunction<Deployment, Boolean, Mono<HttpTarget>> targets) {
		this.http = http;
		this.mapper = mapper;
		this.translator = translator;
		this.targets = targets;
	}

	public Mono<ChatResult> complete(ProviderCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> {
			byte[] body = this.translator.requestBody(call.request(), deployment, false);
			return this.targets.apply(deployment, false)
				.flatMap((target) -> this.http.postJson(deployment, target.url(), target.headers(), body,
						this.translator.errors()))
				.map((bytes) -> this.translator.completion(bytes, call));
		});
	}

	public Flux<byte[]> stream(ProviderCall call, StreamTally tally) {
		Deployment deployment = call.deployment();
		return Flux.defer(() -> {
			byte[] body = this.translator.requestBody(call.request(), deployment, true);
			OpenAiChunkWriter writer = new OpenAiChunkWriter(this.mapper, "chatcmpl-" + call.callId(),
					deployment.providerModel(), call.request().wantsUsageInStream(), tally);
			return this.targets.apply(deployment, true)
				.flatMapMany((target) -> this.http.postSse(deployment, target.url(), target.headers(), body,
						this.translator.errors(), this.translator.streamTranslator(writer)));
		});
	}

}
