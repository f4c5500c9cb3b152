package dev.llmgw.gateway.providers.anthropic;

import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.ChatProvider;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.EmbeddingCall;
import dev.llmgw.gateway.providers.OpenAiChunkWriter;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.ProviderEndpoints;
import dev.llmgw.gateway.providers.ProviderHttp;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.Usage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls Anthropic's Messages API ({@code POST /v1/messages}) with the {@code x-api-key}
 * and {@code anthropic-version} headers; the api_base is the host, as in LiteLLM
 * ({@code https://api.anthropic.com}).
 */
public final class AnthropicProvider implements ChatProvider {

	static final String API_VERSION = "2023-06-01";

	private final ProviderHttp http;

	private final JsonMapper mapper;

	private final OpenAiToAnthropicTranslator requests;

	private final AnthropicToOpenAiTranslator responses;

	private final AnthropicErrorMapper errors;

	public AnthropicProvider(ProviderHttp http, JsonMapper mapper) {
		this.http = http;
		this.mapper = mapper;
		this.requests = new OpenAiToAnthropicTranslator(mapper);
		this.responses = new AnthropicToOpenAiTranslator(mapper);
		this.errors = new AnthropicErrorMapper(mapper);
	}

	@Override
	public Mono<ChatResult> complete(ProviderCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> {
			byte[] body = this.requests.translate(call.request(), deployment, false);
			return this.http.postJson(deployment, url(deployment), headers(deployment), body, this.errors)
				.map((bytes) -> {
					ChatCompletion completion = this.responses.translate(bytes);
					Usage usage = (completion.usage() != null) ? completion.usage() : Usage.NONE;
					return new ChatResult(this.mapper.writeValueAsBytes(completion), usage);
				});
		});
	}

	@Override
	public Flux<byte[]> stream(ProviderCall call, StreamTally tally) {
		Deployment deployment = call.deployment();
		return Flux.defer(() -> {
			byte[] body = this.requests.translate(call.request(), deployment, true);
			OpenAiChunkWriter writer = new OpenAiChunkWriter(this.mapper, "chatcmpl-" + call.callId(),
					deployment.providerModel(), call.request().wantsUsageInStream(), tally);
			return this.http.postSse(deployment, url(deployment), headers(deployment), body, this.errors,
					new AnthropicStreamToOpenAiTranslator(this.mapper, writer, this.errors));
		});
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
