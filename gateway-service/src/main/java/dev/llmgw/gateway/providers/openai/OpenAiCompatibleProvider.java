package dev.llmgw.gateway.providers.openai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.providers.ChatProvider;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.EmbeddingCall;
import dev.llmgw.gateway.providers.FilesCall;
import dev.llmgw.gateway.providers.ImageCall;
import dev.llmgw.gateway.providers.ModerationCall;
import dev.llmgw.gateway.providers.MultipartForm;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.ProviderErrors;
import dev.llmgw.gateway.providers.ProviderHttp;
import dev.llmgw.gateway.providers.ProviderSpec;
import dev.llmgw.gateway.providers.RawBodyDecoder;
import dev.llmgw.gateway.providers.ResponsesCall;
import dev.llmgw.gateway.providers.SpeechCall;
import dev.llmgw.gateway.providers.TranscriptionCall;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.providers.StreamTranslator;
import dev.llmgw.model.openai.Usage;
import dev.llmgw.model.openai.UsageEnvelope;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
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

	/**
	 * OpenAI's moderation endpoint and servers that copy it; Azure OpenAI has none (its
	 * content filters run on every call instead).
	 */
	@Override
	public Mono<ChatResult> moderate(ModerationCall call) {
		Deployment deployment = call.deployment();
		if (deployment.provider().adapter() == ProviderSpec.Adapter.AZURE_OPENAI) {
			return ChatProvider.super.moderate(call);
		}
		return Mono.defer(() -> {
			Map<String, @Nullable Object> request = new LinkedHashMap<>(call.request());
			request.keySet().removeAll(OpenAiRequestTranslator.GATEWAY_ONLY_FIELDS);
			request.put("model", deployment.providerModel());
			byte[] body = this.mapper.writeValueAsBytes(request);
			return endpoint(deployment, OpenAiEndpoint.of(deployment, "/moderations", this.environment))
				.flatMap((endpoint) -> this.http.postJson(deployment, endpoint.url(), endpoint.headers(), body,
						errors(deployment)))
				.map((bytes) -> new ChatResult(bytes, Usage.NONE));
		});
	}

	@Override
	public Mono<ChatResult> files(FilesCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> endpoint(deployment, OpenAiEndpoint.account(deployment, call.path(), this.environment))
			.flatMap((endpoint) -> this.http.exchange(deployment, call.method(), endpoint.url(), endpoint.headers(),
					call.contentType(), call.body(), errors(deployment)))
			.map((bytes) -> new ChatResult(bytes, Usage.NONE)));
	}

	@Override
	public Flux<byte[]> fileContent(FilesCall call) {
		Deployment deployment = call.deployment();
		return Flux.defer(() -> endpoint(deployment, OpenAiEndpoint.account(deployment, call.path(), this.environment))
			.flatMapMany((endpoint) -> this.http.download(deployment, endpoint.url(), endpoint.headers(),
					errors(deployment))));
	}

	@Override
	public Mono<ChatResult> transcribe(TranscriptionCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> {
			List<Map.Entry<String, String>> fields = new ArrayList<>();
			fields.add(Map.entry("model", deployment.providerModel()));
			for (Map.Entry<String, String> field : call.fields()) {
				if (!field.getKey().equals("model")
						&& !OpenAiRequestTranslator.GATEWAY_ONLY_FIELDS.contains(field.getKey())) {
					fields.add(field);
				}
			}
			MultipartForm form = new MultipartForm();
			Flux<byte[]> body = form.body(fields, "file", call.filename(), call.contentType(), call.audio());
			return endpoint(deployment, OpenAiEndpoint.of(deployment, "/audio/transcriptions", this.environment))
				.flatMap((endpoint) -> this.http.postMultipart(deployment, endpoint.url(), endpoint.headers(),
						form.boundary(), body, errors(deployment)))
				.map((bytes) -> new ChatResult(bytes, transcriptionUsage(bytes)));
		});
	}

	/**
	 * What a transcription reports: tokens (gpt-4o-transcribe), or the seconds heard
	 * (whisper's {@code usage.seconds}, or {@code duration} in verbose_json); none for
	 * the text formats.
	 */
	private Usage transcriptionUsage(byte[] bytes) {
		JsonNode answer;
		try {
			answer = this.mapper.readTree(bytes);
		}
		catch (JacksonException ex) {
			return Usage.NONE;
		}
		JsonNode usage = answer.path("usage");
		if ("tokens".equals(usage.path("type").asString(""))) {
			return Usage.of(usage.path("input_tokens").asLong(0), usage.path("output_tokens").asLong(0));
		}
		double seconds = usage.path("seconds").isNumber() ? usage.path("seconds").asDouble()
				: answer.path("duration").asDouble(0);
		if (seconds <= 0) {
			return Usage.NONE;
		}
		Map<String, @Nullable Object> extra = new LinkedHashMap<>();
		extra.put(TranscriptionCall.AUDIO_SECONDS, seconds);
		return new Usage(0, 0, 0, extra);
	}

	@Override
	public Flux<byte[]> speak(SpeechCall call) {
		Deployment deployment = call.deployment();
		return Flux.defer(() -> {
			Map<String, @Nullable Object> request = new LinkedHashMap<>(call.request());
			request.keySet().removeAll(OpenAiRequestTranslator.GATEWAY_ONLY_FIELDS);
			request.put("model", deployment.providerModel());
			byte[] body = this.mapper.writeValueAsBytes(request);
			return endpoint(deployment, OpenAiEndpoint.of(deployment, "/audio/speech", this.environment))
				.flatMapMany((endpoint) -> this.http.postStream(deployment, endpoint.url(), endpoint.headers(), body,
						errors(deployment), "*/*", new RawBodyDecoder()));
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
	 * OpenAI's own deployments and Azure's answer the Responses API natively, as LiteLLM
	 * calls them, unless {@code use_chat_completions_api: true} (LiteLLM's switch, for an
	 * {@code openai/} server that has no Responses API); the rest of the
	 * OpenAI-compatible family is reached through chat.
	 */
	@Override
	public boolean respondsNatively(Deployment deployment) {
		Object viaChat = deployment.params().providerSettings().get("use_chat_completions_api");
		if (viaChat != null && String.valueOf(viaChat).equalsIgnoreCase("true")) {
			return false;
		}
		return deployment.provider().adapter() == ProviderSpec.Adapter.AZURE_OPENAI
				|| deployment.provider().name().equals("openai");
	}

	@Override
	public Mono<ChatResult> respond(ResponsesCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> {
			byte[] body = responsesBody(call);
			return endpoint(deployment, OpenAiEndpoint.responses(deployment, this.environment))
				.flatMap((endpoint) -> this.http.postJson(deployment, endpoint.url(), endpoint.headers(), body,
						errors(deployment)))
				.map((bytes) -> {
					try {
						return new ChatResult(bytes, ResponsesRelay.usage(this.mapper.readTree(bytes).path("usage")));
					}
					catch (JacksonException ex) {
						throw new UpstreamError(502, "api_error", "litellm.BadGatewayError: "
								+ deployment.provider().name() + " returned a body that is not JSON", null);
					}
				});
		});
	}

	@Override
	public Flux<byte[]> streamResponses(ResponsesCall call, StreamTally tally) {
		Deployment deployment = call.deployment();
		return Flux.defer(() -> {
			byte[] body = responsesBody(call);
			return endpoint(deployment, OpenAiEndpoint.responses(deployment, this.environment))
				.flatMapMany((endpoint) -> this.http.postSse(deployment, endpoint.url(), endpoint.headers(), body,
						errors(deployment), new ResponsesRelay(this.mapper, tally)));
		});
	}

	/**
	 * The caller's Responses request for this deployment: its model id, its default
	 * parameters where the caller set none, no gateway-only fields.
	 */
	private byte[] responsesBody(ResponsesCall call) {
		Deployment deployment = call.deployment();
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		deployment.defaults().forEach((name, value) -> {
			if (!name.equals("max_tokens") && !name.equals("max_completion_tokens")) {
				body.put(name, value);
			}
		});
		call.body().forEach((name, value) -> {
			if (!OpenAiRequestTranslator.GATEWAY_ONLY_FIELDS.contains(name)) {
				body.put(name, value);
			}
		});
		body.put("model", deployment.providerModel());
		return this.mapper.writeValueAsBytes(body);
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
