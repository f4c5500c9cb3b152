package dev.llmgw.gateway.providers.sagemaker;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.providers.ChatProvider;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.EmbeddingCall;
import dev.llmgw.gateway.providers.OpenAiChunkWriter;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.ProviderHttp;
import dev.llmgw.gateway.providers.StreamBodyDecoder;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.providers.StreamTranslator;
import dev.llmgw.gateway.providers.aws.AwsCredentialProviders;
import dev.llmgw.gateway.providers.aws.AwsCredentialSettings;
import dev.llmgw.gateway.providers.openai.OpenAiRequestTranslator;
import dev.llmgw.gateway.providers.openai.OpenAiStreamRelay;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.Usage;
import dev.llmgw.model.openai.UsageEnvelope;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls SageMaker endpoints over the shared {@link ProviderHttp} exchange, each request
 * SigV4-signed with the deployment's AWS credentials (the Bedrock adapter's chain:
 * {@link AwsCredentialProviders}). {@code sagemaker/<endpoint>} sends TGI's body and
 * translates its answer; {@code sagemaker_chat/<endpoint>} sends the OpenAI body to the
 * container's Messages API and passes its OpenAI answer on. Streams go to
 * InvokeEndpointWithResponseStream and come back as AWS event-stream frames
 * ({@link SageMakerEventStream}).
 */
public final class SageMakerProvider implements ChatProvider, AutoCloseable {

	private static final String CHAT = "sagemaker_chat";

	private final ProviderHttp http;

	private final JsonMapper mapper;

	private final EnvironmentLookup environment;

	private final AwsCredentialProviders credentials = new AwsCredentialProviders("SagemakerException");

	private final SageMakerSigner signer;

	private final OpenAiToTgiTranslator tgiRequests = new OpenAiToTgiTranslator();

	private final TgiToOpenAiTranslator tgiResponses;

	private final OpenAiRequestTranslator chatRequests;

	private final SageMakerErrorMapper errors;

	public SageMakerProvider(ProviderHttp http, JsonMapper mapper, EnvironmentLookup environment) {
		this(http, mapper, environment, Clock.systemUTC());
	}

	/**
	 * @param clock what requests are signed with
	 */
	public SageMakerProvider(ProviderHttp http, JsonMapper mapper, EnvironmentLookup environment, Clock clock) {
		this.http = http;
		this.mapper = mapper;
		this.environment = environment;
		this.signer = new SageMakerSigner(clock);
		this.tgiResponses = new TgiToOpenAiTranslator(mapper);
		this.chatRequests = new OpenAiRequestTranslator(mapper);
		this.errors = new SageMakerErrorMapper(mapper);
	}

	@Override
	public Mono<ChatResult> complete(ProviderCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> {
			SageMakerEndpoint endpoint = SageMakerEndpoint.of(deployment, this.environment);
			boolean chat = isChat(deployment);
			String prompt = chat ? "" : OpenAiToTgiTranslator.prompt(call.request());
			byte[] body = chat ? this.chatRequests.toProviderBody(call.request(), deployment, false)
					: this.mapper.writeValueAsBytes(this.tgiRequests.translate(call.request(), deployment, false));
			URI url = endpoint.invokeUrl();
			return signed(deployment, endpoint, url, body)
				.flatMap((headers) -> this.http.postJson(deployment, url.toString(), headers, body, this.errors))
				.map((bytes) -> chat ? passedOn(bytes) : translated(bytes, prompt, call));
		});
	}

	@Override
	public Flux<byte[]> stream(ProviderCall call, StreamTally tally) {
		Deployment deployment = call.deployment();
		return Flux.defer(() -> {
			SageMakerEndpoint endpoint = SageMakerEndpoint.of(deployment, this.environment);
			ChatCompletionRequest request = call.request();
			StreamTranslator translator;
			byte[] body;
			if (isChat(deployment)) {
				// the caller's stream: true stays in the body, which the Messages API
				// needs
				// to stream; the URL tells SageMaker to
				body = this.chatRequests.toProviderBody(request, deployment, false);
				translator = OpenAiStreamRelay.translator(this.mapper, request.wantsUsageInStream(), tally);
			}
			else {
				body = this.mapper.writeValueAsBytes(this.tgiRequests.translate(request, deployment, true));
				OpenAiChunkWriter writer = new OpenAiChunkWriter(this.mapper, "chatcmpl-" + call.callId(),
						deployment.providerModel(), request.wantsUsageInStream(), tally);
				translator = new TgiStreamToOpenAiTranslator(this.mapper, writer,
						OpenAiToTgiTranslator.prompt(request).length());
			}
			StreamBodyDecoder decoder = new SageMakerEventStream(translator, this.errors);
			URI url = endpoint.streamUrl();
			return signed(deployment, endpoint, url, body).flatMapMany((headers) -> this.http.postStream(deployment,
					url.toString(), headers, body, this.errors, SageMakerEventStream.CONTENT_TYPE, decoder));
		});
	}

	@Override
	public Mono<ChatResult> embed(EmbeddingCall call) {
		return Mono.error(new BadRequestError("sagemaker embeddings are not supported by this gateway; model "
				+ call.deployment().modelName() + " cannot embed", null, "model"));
	}

	/**
	 * The headers that sign this request, with the deployment's credentials resolved off
	 * the event loop when they are not at hand.
	 */
	private Mono<Map<String, String>> signed(Deployment deployment, SageMakerEndpoint endpoint, URI url, byte[] body) {
		AwsCredentialSettings settings = AwsCredentialSettings.of(deployment.params().providerSettings(),
				endpoint.region(), this.environment);
		return this.credentials.resolve(settings)
			.flatMap((provider) -> Mono.fromFuture(provider::resolveIdentity, true))
			.map((identity) -> this.signer.sign(url, body, endpoint.region(), endpoint.inferenceComponent(), identity));
	}

	private ChatResult translated(byte[] bytes, String prompt, ProviderCall call) {
		ChatCompletion completion = this.tgiResponses.translate(bytes, prompt, "chatcmpl-" + call.callId(),
				call.deployment().providerModel());
		Usage usage = (completion.usage() != null) ? completion.usage() : Usage.NONE;
		return new ChatResult(this.mapper.writeValueAsBytes(completion), usage);
	}

	/** A Messages API answer is OpenAI's already: passed on as it is, its usage read. */
	private ChatResult passedOn(byte[] bytes) {
		try {
			UsageEnvelope envelope = this.mapper.readValue(bytes, UsageEnvelope.class);
			return new ChatResult(bytes, (envelope.usage() != null) ? envelope.usage() : Usage.NONE);
		}
		catch (JacksonException ex) {
			throw new UpstreamError(502, "api_error",
					"litellm.BadGatewayError: sagemaker_chat returned a body that is not JSON", null);
		}
	}

	private static boolean isChat(Deployment deployment) {
		return CHAT.equals(deployment.provider().name());
	}

	@Override
	public void close() {
		this.credentials.close();
	}

}
