package dev.llmgw.gateway.providers.anthropic;

import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.ChatProvider;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.EmbeddingCall;
import dev.llmgw.gateway.providers.HttpTarget;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.ProviderEndpoints;
import dev.llmgw.gateway.providers.ProviderHttp;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.providers.TranslatedChat;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls Anthropic's Messages API ({@code POST /v1/messages}) with the {@code x-api-key}
 * and {@code anthropic-version} headers; the api_base is the host, as in LiteLLM
 * ({@code https://api.anthropic.com}). The translation is {@link AnthropicMessages}'s,
 * the exchange {@link TranslatedChat}'s.
 */
public final class AnthropicProvider implements ChatProvider {

	static final String API_VERSION = "2023-06-01";

	private final TranslatedChat chat;

	public AnthropicProvider(ProviderHttp http, JsonMapper mapper) {
		this.chat = new TranslatedChat(http, mapper, new AnthropicMessages(mapper),
				(deployment, stream) -> Mono.just(new HttpTarget(url(deployment), headers(deployment))));
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
		return Mono.error(new BadRequestError(
				"anthropic has no embeddings API; model " + call.deployment().modelName() + " cannot embed", null,
				"model"));
	}

	private static String url(Deployment deployment) {
		String base = ProviderEndpoints.base(deployment);
		return base.endsWith("/v1") ? base + "/messages" : base + "/v1/messages";
	}

	private static Map<String, String> headers(Deployment deployment) {
		String key = ProviderEndpoints.key(deployment);
		return (key != null) ? Map.of("x-api-key", key, "anthropic-version", API_VERSION)
				: Map.of("anthropic-version", API_VERSION);
	}

}
