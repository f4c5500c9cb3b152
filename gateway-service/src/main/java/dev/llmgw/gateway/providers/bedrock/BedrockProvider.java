package dev.llmgw.gateway.providers.bedrock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.providers.ChatProvider;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.EmbeddingCall;
import dev.llmgw.gateway.providers.ImageCall;
import dev.llmgw.gateway.providers.OpenAiChunkWriter;
import dev.llmgw.gateway.providers.OpenAiEmbeddings;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.RerankCall;
import dev.llmgw.gateway.providers.RerankAnswer;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.Usage;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls Bedrock through the AWS SDK's async client: Converse for chat, ConverseStream for
 * streams (events translated to OpenAI chunks as they arrive), InvokeModel for
 * embeddings.
 */
public final class BedrockProvider implements ChatProvider {

	private static final String INPUT_TOKENS_HEADER = "X-Amzn-Bedrock-Input-Token-Count";

	private final JsonMapper mapper;

	private final BedrockClients clients;

	private final OpenAiToConverseTranslator requests = new OpenAiToConverseTranslator();

	private final ConverseToOpenAiTranslator responses = new ConverseToOpenAiTranslator();

	private final BedrockEmbeddingTranslator embeddings;

	private final BedrockImageTranslator images;

	public BedrockProvider(JsonMapper mapper, EnvironmentLookup environment) {
		this.mapper = mapper;
		this.clients = new BedrockClients(environment);
		this.embeddings = new BedrockEmbeddingTranslator(mapper);
		this.images = new BedrockImageTranslator(mapper);
	}

	@Override
	public Mono<ChatResult> complete(ProviderCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> {
			ConverseRequest request = this.requests.translate(call.request(), deployment)
				.toRequest()
				.toBuilder()
				.overrideConfiguration((config) -> config.apiCallTimeout(deployment.timeout()))
				.build();
			return this.clients.forDeployment(deployment)
				.flatMap((client) -> Mono.fromFuture(() -> client.converse(request)))
				.map((response) -> {
					ChatCompletion completion = this.responses.translate(response, "chatcmpl-" + call.callId(),
							deployment.providerModel());
					Usage usage = (completion.usage() != null) ? completion.usage() : Usage.NONE;
					return new ChatResult(this.mapper.writeValueAsBytes(completion), usage);
				});
		}).onErrorMap((error) -> BedrockErrorMapper.map(error, deployment, false));
	}

	@Override
	public Flux<byte[]> stream(ProviderCall call, StreamTally tally) {
		Deployment deployment = call.deployment();
		return Flux.defer(() -> {
			ConverseStreamRequest request = this.requests.translate(call.request(), deployment).toStreamRequest();
			OpenAiChunkWriter writer = new OpenAiChunkWriter(this.mapper, "chatcmpl-" + call.callId(),
					deployment.providerModel(), call.request().wantsUsageInStream(), tally);
			ConverseStreamToOpenAiTranslator translator = new ConverseStreamToOpenAiTranslator(writer);
			return this.clients.forDeployment(deployment)
				.flatMapMany((client) -> events(client, request))
				.concatMapIterable(translator::onEvent)
				.concatWith(Flux.defer(() -> Flux.fromIterable(translator.onEnd())));
		}).onErrorMap((error) -> BedrockErrorMapper.map(error, deployment, true));
	}

	/**
	 * The SDK hands the event publisher to a callback once the response headers are in; a
	 * failure before that (a 4xx, say) arrives through onError instead.
	 */
	private static Flux<ConverseStreamOutput> events(BedrockRuntimeAsyncClient client, ConverseStreamRequest request) {
		return Flux.defer(() -> {
			Sinks.One<Publisher<ConverseStreamOutput>> stream = Sinks.one();
			ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
				.onEventStream(stream::tryEmitValue)
				.onError(stream::tryEmitError)
				.build();
			var done = client.converseStream(request, handler);
			return stream.asMono().flatMapMany(Flux::from).doOnCancel(() -> done.cancel(true));
		});
	}

	@Override
	public Mono<ChatResult> embed(EmbeddingCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> {
			String modelId = BedrockModelId.of(deployment);
			List<String> texts = OpenAiEmbeddings.texts(call.request(), "bedrock");
			return this.clients.forDeployment(deployment).<BedrockEmbeddingTranslator.Vectors>flatMap((client) -> {
				if (BedrockEmbeddingTranslator.isCohere(modelId)) {
					return invoke(client, deployment, modelId, this.embeddings.cohereBody(texts, call.request()))
						.map((response) -> this.embeddings.cohereVectors(response.body().asByteArray(),
								inputTokens(response, texts)));
				}
				return Flux.fromIterable(texts)
					.concatMap((text) -> invoke(client, deployment, modelId,
							this.embeddings.titanBody(text, call.request()))).<BedrockEmbeddingTranslator
									.Vectors>map(
											(response) -> this.embeddings.titanVectors(response.body().asByteArray()))
					.collectList()
					.map(BedrockProvider::merge);
			}).map((vectors) -> {
				Usage usage = Usage.of(vectors.tokens(), 0);
				return new ChatResult(this.embeddings.openAiBody(vectors.vectors(), modelId, vectors.tokens()), usage);
			});
		}).onErrorMap((error) -> BedrockErrorMapper.map(error, deployment, false));
	}

	@Override
	public Mono<ChatResult> generateImages(ImageCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> {
			String modelId = BedrockModelId.of(deployment);
			byte[] body = this.images.body(modelId, call);
			// Stability's models make one image per call
			int calls = (modelId.contains("titan-image") || modelId.contains("nova-canvas")) ? 1 : call.count();
			return this.clients.forDeployment(deployment)
				.flatMapMany(
						(client) -> Flux.range(0, calls).concatMap((i) -> invoke(client, deployment, modelId, body)))
				.concatMapIterable((response) -> this.images.images(response.body().asByteArray()))
				.collectList()
				.map((images) -> new ChatResult(this.images.openAiBody(images), Usage.NONE));
		}).onErrorMap((error) -> BedrockErrorMapper.map(error, deployment, false));
	}

	/**
	 * Amazon's and Cohere's rerank models through InvokeModel, which both take
	 * {@code {"query", "documents", "top_n"}} (Cohere's with {@code "api_version": 2})
	 * and answer {@code {"results": [{"index", "relevance_score"}]}}.
	 */
	@Override
	public Mono<ChatResult> rerank(RerankCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> {
			String modelId = BedrockModelId.of(deployment);
			Map<String, Object> request = call.request().providerBody(null);
			if (modelId.contains("cohere.")) {
				request.put("api_version", 2);
			}
			byte[] body = this.mapper.writeValueAsBytes(request);
			return this.clients.forDeployment(deployment)
				.flatMap((client) -> invoke(client, deployment, modelId, body))
				.map((response) -> RerankAnswer.of(this.mapper, call,
						this.mapper.readTree(response.body().asByteArray()).path("results"), 1));
		}).onErrorMap((error) -> BedrockErrorMapper.map(error, deployment, false));
	}

	private static Mono<InvokeModelResponse> invoke(BedrockRuntimeAsyncClient client, Deployment deployment,
			String modelId, byte[] body) {
		InvokeModelRequest request = InvokeModelRequest.builder()
			.modelId(modelId)
			.contentType("application/json")
			.accept("application/json")
			.body(SdkBytes.fromByteArray(body))
			.overrideConfiguration((config) -> config.apiCallTimeout(deployment.timeout()))
			.build();
		return Mono.fromFuture(() -> client.invokeModel(request));
	}

	/**
	 * Bedrock reports a Cohere embedding's input tokens only in a response header; where
	 * it is missing, about four characters a token, so that the call is still charged.
	 */
	private static long inputTokens(InvokeModelResponse response, List<String> texts) {
		return response.sdkHttpResponse()
			.firstMatchingHeader(INPUT_TOKENS_HEADER)
			.map(Long::parseLong)
			.orElseGet(() -> texts.stream().mapToLong((text) -> text.length() / 4 + 1).sum());
	}

	private static BedrockEmbeddingTranslator.Vectors merge(List<BedrockEmbeddingTranslator.Vectors> parts) {
		List<JsonNode> vectors = new ArrayList<>(parts.size());
		long tokens = 0;
		for (BedrockEmbeddingTranslator.Vectors part : parts) {
			vectors.addAll(part.vectors());
			tokens += part.tokens();
		}
		return new BedrockEmbeddingTranslator.Vectors(vectors, tokens);
	}

	public void close() {
		this.clients.close();
	}

}
