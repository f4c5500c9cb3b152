package dev.llmgw.gateway.providers.openai;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.providers.ChatProvider;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.EmbeddingCall;
import dev.llmgw.gateway.providers.ImageCall;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.ProviderErrors;
import dev.llmgw.gateway.providers.ProviderHttp;
import dev.llmgw.gateway.providers.ProviderSpec;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.providers.StreamTranslator;
import dev.llmgw.model.openai.Usage;
import dev.llmgw.model.openai.UsageEnvelope;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls OpenAI-compatible chat completions endpoints, Azure OpenAI's included.
 * Non-streaming bodies pass through byte for byte (usage is read on the side); streams
 * pass through chunk by chunk as the provider flushes them.
 */
public final class OpenAiCompatibleProvider implements ChatProvider {

	private final ProviderHttp http;

	private final JsonMapper mapper;

	private final EnvironmentLookup environment;

	private final OpenAiRequestTranslator translator;

	private final OpenAiErrorMapper errors;

	private final EntraTokens entra;

	public OpenAiCompatibleProvider(ProviderHttp http, JsonMapper mapper, EnvironmentLookup environment) {
		this.entra = new EntraTokens(http.httpClient(), mapper, environment);
		this.http = http;
		this.mapper = mapper;
		this.environment = environment;
		this.translator = new OpenAiRequestTranslator(mapper);
		this.errors = new OpenAiErrorMapper(mapper);
	}

	@Override
	public Mono<ChatResult> complete(ProviderCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> {
			byte[] body = this.translator.toProviderBody(call.request(), deployment, false);
			return endpoint(deployment, OpenAiEndpoint.chatCompletions(deployment, this.environment))
				.flatMap((endpoint) -> this.http.postJson(deployment, endpoint.url(), endpoint.headers(), body,
						errors(deployment)))
				.map((bytes) -> result(bytes, deployment));
		});
	}

	@Override
	public Mono<ChatResult> embed(EmbeddingCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> {
			byte[] body = this.mapper.writeValueAsBytes(call.request().withModel(deployment.providerModel()));
			return endpoint(deployment, OpenAiEndpoint.embeddings(deployment, this.environment))
				.flatMap((endpoint) -> this.http.postJson(deployment, endpoint.url(), endpoint.headers(), body,
						errors(deployment)))
				.map((bytes) -> result(bytes, deployment));
		});
	}

	@Override
	public Mono<ChatResult> generateImages(ImageCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> {
			Map<String, @Nullable Object> request = new LinkedHashMap<>(call.request());
			request.put("model", deployment.providerModel());
			byte[] body = this.mapper.writeValueAsBytes(request);
			return endpoint(deployment, OpenAiEndpoint.images(deployment, this.environment))
				.flatMap((endpoint) -> this.http.postJson(deployment, endpoint.url(), endpoint.headers(), body,
						errors(deployment)))
				.map((bytes) -> result(bytes, deployment));
		});
	}

	@Override
	public Flux<byte[]> stream(ProviderCall call, StreamTally tally) {
		Deployment deployment = call.deployment();
		return Flux.defer(() -> {
			byte[] body = this.translator.toProviderBody(call.request(), deployment,
					deployment.provider().streamUsage());
			StreamTranslator relay = OpenAiStreamRelay.translator(this.mapper, call.request().wantsUsageInStream(),
					tally);
			return endpoint(deployment, OpenAiEndpoint.chatCompletions(deployment, this.environment))
				.flatMapMany((endpoint) -> this.http.postSse(deployment, endpoint.url(), endpoint.headers(), body,
						errors(deployment), relay));
		});
	}

	/**
	 * The endpoint, with an Entra ID token when the deployment authenticates with one.
	 */
	private Mono<OpenAiEndpoint> endpoint(Deployment deployment, OpenAiEndpoint endpoint) {
		Map<String, Object> settings = deployment.params().providerSettings();
		if (deployment.provider().adapter() != ProviderSpec.Adapter.AZURE_OPENAI || !EntraTokens.configured(settings)) {
			return Mono.just(endpoint);
		}
		return this.entra.token(settings).map(endpoint::withBearer);
	}

	private ProviderErrors errors(Deployment deployment) {
		String provider = deployment.provider().name();
		return (status, body, retryAfter) -> this.errors.map(status, body, retryAfter, provider);
	}

	private ChatResult result(byte[] bytes, Deployment deployment) {
		try {
			UsageEnvelope envelope = this.mapper.readValue(bytes, UsageEnvelope.class);
			return new ChatResult(bytes, (envelope.usage() != null) ? envelope.usage() : Usage.NONE);
		}
		catch (JacksonException ex) {
			throw new UpstreamError(502, "api_error",
					"litellm.BadGatewayError: " + deployment.provider().name() + " returned a body that is not JSON",
					null);
		}
	}

}
