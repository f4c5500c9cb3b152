package dev.llmgw.gateway.providers.vertex;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.providers.ChatProvider;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.EmbeddingCall;
import dev.llmgw.gateway.providers.OpenAiChunkWriter;
import dev.llmgw.gateway.providers.OpenAiEmbeddings;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.ProviderHttp;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.providers.anthropic.AnthropicMessages;
import dev.llmgw.gateway.providers.gemini.GeminiGenerateContent;
import dev.llmgw.model.anthropic.MessagesRequest;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls Vertex AI over the shared {@link ProviderHttp} exchange with a service account's
 * access token ({@link GoogleAccessTokens}): Gemini models through
 * {@code generateContent} and {@code streamGenerateContent?alt=sse} with Gemini's
 * translators; models whose name contains {@code claude} through Anthropic's partner
 * route, {@code rawPredict} and {@code streamRawPredict}, with Anthropic's translators
 * and the Messages body less its {@code model} and plus {@code "anthropic_version":
 * "vertex-2023-10-16"}, as LiteLLM sends it; embeddings through {@code predict}. A token
 * that Vertex AI refuses is forgotten, so the next call fetches another.
 */
public final class VertexProvider implements ChatProvider {

	static final String ANTHROPIC_VERSION = "vertex-2023-10-16";

	private final ProviderHttp http;

	private final JsonMapper mapper;

	private final GoogleAccessTokens tokens;

	private final GeminiGenerateContent gemini;

	private final AnthropicMessages anthropic;

	private final VertexEmbeddingTranslator embeddings;

	private final VertexErrorMapper errors;

	public VertexProvider(ProviderHttp http, JsonMapper mapper) {
		this(http, mapper, Clock.systemUTC());
	}

	/**
	 * @param clock when assertions are issued and tokens renewed
	 */
	public VertexProvider(ProviderHttp http, JsonMapper mapper, Clock clock) {
		this.http = http;
		this.mapper = mapper;
		this.tokens = new GoogleAccessTokens(http.httpClient(), mapper, clock);
		this.gemini = new GeminiGenerateContent(mapper, "VertexAIException");
		this.anthropic = new AnthropicMessages(mapper);
		this.embeddings = new VertexEmbeddingTranslator(mapper);
		this.errors = new VertexErrorMapper(mapper, this.gemini.errors(), this.anthropic.errors());
	}

	@Override
	public Mono<ChatResult> complete(ProviderCall call) {
		Deployment deployment = call.deployment();
		return authorised(deployment, (target, headers) -> {
			if (isClaude(deployment)) {
				String url = VertexEndpoint.url(deployment, target, "anthropic", "rawPredict", false);
				return this.http.postJson(deployment, url, headers, claudeBody(call, false), this.errors)
					.map(this.anthropic::completion);
			}
			String url = VertexEndpoint.url(deployment, target, "google", "generateContent", false);
			byte[] body = this.gemini.requestBody(call.request(), deployment);
			return this.http.postJson(deployment, url, headers, body, this.errors)
				.map((bytes) -> this.gemini.completion(bytes, "chatcmpl-" + call.callId(), deployment.providerModel()));
		}).next();
	}

	@Override
	public Flux<byte[]> stream(ProviderCall call, StreamTally tally) {
		Deployment deployment = call.deployment();
		return authorised(deployment, (target, headers) -> {
			OpenAiChunkWriter writer = new OpenAiChunkWriter(this.mapper, "chatcmpl-" + call.callId(),
					deployment.providerModel(), call.request().wantsUsageInStream(), tally);
			if (isClaude(deployment)) {
				String url = VertexEndpoint.url(deployment, target, "anthropic", "streamRawPredict", true);
				return this.http.postSse(deployment, url, headers, claudeBody(call, true), this.errors,
						this.anthropic.streamTranslator(writer));
			}
			String url = VertexEndpoint.url(deployment, target, "google", "streamGenerateContent", true);
			return this.http.postSse(deployment, url, headers, this.gemini.requestBody(call.request(), deployment),
					this.errors, this.gemini.streamTranslator(writer));
		});
	}

	@Override
	public Mono<ChatResult> embed(EmbeddingCall call) {
		Deployment deployment = call.deployment();
		return authorised(deployment, (target, headers) -> {
			List<String> texts = OpenAiEmbeddings.texts(call.request(), "vertex_ai");
			String url = VertexEndpoint.url(deployment, target, "google", "predict", false);
			return this.http
				.postJson(deployment, url, headers, this.embeddings.body(texts, call.request()), this.errors)
				.map((bytes) -> {
					VertexEmbeddingTranslator.Embedded embedded = this.embeddings.openAiBody(bytes, texts,
							deployment.providerModel());
					return new ChatResult(embedded.body(), Usage.of(embedded.tokens(), 0));
				});
		}).next();
	}

	/**
	 * Runs {@code exchange} with the deployment's project, location and a live token; a
	 * 401 from Vertex AI drops the token.
	 */
	private <T> Flux<T> authorised(Deployment deployment, Exchange<T> exchange) {
		return Flux.defer(() -> setup(deployment).target()
			.flatMapMany((target) -> this.tokens.token(target.account())
				.flatMapMany((token) -> exchange.run(target, Map.of("Authorization", "Bearer " + token)))
				.doOnError(AuthenticationError.class, (error) -> this.tokens.invalidate(target.account()))));
	}

	/**
	 * The Messages body as Vertex AI's rawPredict takes it: the model is in the URL, the
	 * version in the body.
	 */
	private byte[] claudeBody(ProviderCall call, boolean stream) {
		MessagesRequest request = this.anthropic.request(call.request(), call.deployment(), stream);
		Map<String, @Nullable Object> extra = new LinkedHashMap<>(request.extra());
		extra.put("anthropic_version", ANTHROPIC_VERSION);
		return this.mapper.writeValueAsBytes(new MessagesRequest(null, request.messages(), request.system(),
				request.maxTokens(), request.stream(), request.temperature(), request.topP(), request.topK(),
				request.stopSequences(), request.tools(), request.toolChoice(), request.metadata(), extra));
	}

	private static VertexSetup setup(Deployment deployment) {
		if (deployment.setup() instanceof VertexSetup setup) {
			return setup;
		}
		throw new IllegalStateException(deployment + " was not set up for Vertex AI");
	}

	static boolean isClaude(Deployment deployment) {
		return deployment.providerModel().toLowerCase(Locale.ROOT).contains("claude");
	}

	/** One exchange with Vertex AI, given where and the Authorization header. */
	@FunctionalInterface
	private interface Exchange<T> {

		Publisher<T> run(VertexTarget target, Map<String, String> headers);

	}

}
