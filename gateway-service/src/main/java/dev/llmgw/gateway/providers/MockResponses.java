package dev.llmgw.gateway.providers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.ContentPolicyViolationError;
import dev.llmgw.gateway.error.ContextWindowExceededError;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.InternalError;
import dev.llmgw.gateway.error.RateLimitError;
import dev.llmgw.gateway.error.TimeoutError;
import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.model.openai.ChatChoice;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.ChatMessage;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * LiteLLM's test answers: a chat request (or a deployment's {@code litellm_params}) with
 * {@code mock_response} is answered with that text without calling the provider, with
 * LiteLLM's fixed usage (10 prompt, 20 completion tokens), which is charged at the
 * deployment's prices as LiteLLM charges it; a stream comes in chunks of four characters.
 * The request's value wins over the deployment's. Special values raise instead, as in
 * LiteLLM: {@code litellm.RateLimitError} (429), {@code litellm.InternalServerError}
 * (500), {@code Exception: content_filter_policy...} (a content-policy violation) and
 * {@code Exception: mock_streaming_error...} (a stream that breaks after its first
 * chunk). {@code mock_timeout: true} waits the request's {@code timeout} and answers a
 * 408; {@code mock_delay} waits that many seconds first.
 *
 * <p>
 * The router's test switches fail the requested group's call before any provider is
 * asked, so that the next step is tried: {@code mock_testing_fallbacks} (a server error
 * that is not retried), {@code mock_testing_context_fallbacks},
 * {@code mock_testing_content_policy_fallbacks} and {@code mock_testing_rate_limit_error}
 * (retried and counted toward cooldowns like any). They fail only the group the request
 * named, so its fallbacks answer.
 */
public final class MockResponses implements ChatProvider {

	static final Usage USAGE = new Usage(10, 20, 30, Map.of());

	/** The request fields that make a call answer or fail without its provider. */
	private static final List<String> FIELDS = List.of("mock_response", "mock_timeout", "mock_testing_fallbacks",
			"mock_testing_context_fallbacks", "mock_testing_content_policy_fallbacks", "mock_testing_rate_limit_error");

	private static final int CHUNK = 4;

	private final ChatProvider provider;

	private final JsonMapper mapper;

	MockResponses(ChatProvider provider, JsonMapper mapper) {
		this.provider = provider;
		this.mapper = mapper;
	}

	@Override
	public Mono<ChatResult> complete(ProviderCall call) {
		GatewayError testFailure = testSwitch(call);
		if (testFailure != null) {
			return Mono.error(testFailure);
		}
		Object mock = mockResponse(call);
		if (mock == null) {
			return this.provider.complete(call);
		}
		return delayed(call, Mono.fromCallable(() -> {
			GatewayError raised = raised(mock);
			if (raised != null) {
				throw raised;
			}
			if (mock instanceof Map<?, ?> whole) {
				// a whole response, as LiteLLM takes a dict: the caller chose its shape
				return new ChatResult(this.mapper.writeValueAsBytes(whole), usageOf(whole));
			}
			ChatCompletion completion = ChatCompletion.of("chatcmpl-" + call.callId(),
					System.currentTimeMillis() / 1000, call.deployment().providerModel(),
					new ChatChoice(0, ChatMessage.of("assistant", String.valueOf(mock)), "stop"), USAGE);
			return new ChatResult(this.mapper.writeValueAsBytes(completion), USAGE);
		}));
	}

	@Override
	public Flux<byte[]> stream(ProviderCall call, StreamTally tally) {
		GatewayError testFailure = testSwitch(call);
		if (testFailure != null) {
			return Flux.error(testFailure);
		}
		Object mock = mockResponse(call);
		if (mock == null) {
			return this.provider.stream(call, tally);
		}
		return delayed(call, Mono.just(mock)).flatMapMany((value) -> {
			GatewayError raised = raised(value);
			if (raised != null) {
				return Flux.error(raised);
			}
			String text = (value instanceof Map<?, ?>) ? this.mapper.writeValueAsString(value) : String.valueOf(value);
			boolean breaks = text.startsWith("Exception: mock_streaming_error");
			OpenAiChunkWriter writer = new OpenAiChunkWriter(this.mapper, "chatcmpl-" + call.callId(),
					call.deployment().providerModel(), call.request().wantsUsageInStream(), tally);
			List<byte[]> frames = new ArrayList<>();
			for (int i = 0; i < text.length(); i += CHUNK) {
				frames.add(writer.text(text.substring(i, Math.min(text.length(), i + CHUNK))));
				if (breaks) {
					return Flux.concat(Flux.fromIterable(frames), Flux.error(new UpstreamError(500,
							"internal_server_error", "This is a mock error raised mid-stream", null)));
				}
			}
			frames.add(writer.finish("stop"));
			byte[] usage = writer.usage(USAGE);
			if (usage != null) {
				frames.add(usage);
			}
			frames.add(OpenAiChunkWriter.DONE_FRAME);
			return Flux.fromIterable(frames);
		});
	}

	@Override
	public Mono<ChatResult> embed(EmbeddingCall call) {
		return this.provider.embed(call);
	}

	@Override
	public Mono<ChatResult> rerank(RerankCall call) {
		return this.provider.rerank(call);
	}

	@Override
	public Mono<ChatResult> generateImages(ImageCall call) {
		return this.provider.generateImages(call);
	}

	@Override
	public Mono<ChatResult> files(FilesCall call) {
		return this.provider.files(call);
	}

	@Override
	public Mono<ChatResult> transcribe(TranscriptionCall call) {
		return this.provider.transcribe(call);
	}

	@Override
	public Flux<byte[]> speak(SpeechCall call) {
		return this.provider.speak(call);
	}

	@Override
	public Mono<ChatResult> moderate(ModerationCall call) {
		return this.provider.moderate(call);
	}

	/** A deployment configured to mock answers through chat, where the mocks are. */
	@Override
	public boolean respondsNatively(Deployment deployment) {
		return !configured(deployment) && this.provider.respondsNatively(deployment);
	}

	@Override
	public Mono<ChatResult> respond(ResponsesCall call) {
		return this.provider.respond(call);
	}

	@Override
	public Flux<byte[]> streamResponses(ResponsesCall call, StreamTally tally) {
		return this.provider.streamResponses(call, tally);
	}

	/**
	 * Whether a request asks for a mock answer or failure: what follows from it is the
	 * caller's doing, not the deployment's (no cooldown, no alert).
	 */
	public static boolean requested(Map<String, @Nullable Object> fields) {
		for (String field : FIELDS) {
			Object value = fields.get(field);
			if (value != null && !Boolean.FALSE.equals(value) && !"false".equalsIgnoreCase(String.valueOf(value))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether every call of the deployment is mocked
	 * ({@code litellm_params.mock_response}).
	 */
	public static boolean configured(Deployment deployment) {
		return deployment.params().providerSettings().containsKey("mock_response");
	}

	private static @Nullable Object mockResponse(ProviderCall call) {
		Object own = call.request().extra().get("mock_response");
		return (own != null) ? own : call.deployment().params().providerSettings().get("mock_response");
	}

	/** mock_timeout and mock_delay, waited without holding a thread. */
	private static <T> Mono<T> delayed(ProviderCall call, Mono<T> answer) {
		Map<String, @Nullable Object> fields = call.request().extra();
		Mono<T> result = answer;
		if (truthy(fields.get("mock_timeout"))) {
			double seconds = seconds(fields.get("timeout"));
			return Mono.delay(Duration.ofMillis(Math.round(seconds * 1000)))
				.then(Mono.error(new TimeoutError("litellm.Timeout: This is a mock timeout error")));
		}
		double delay = seconds(fields.get("mock_delay"));
		return (delay > 0) ? Mono.delay(Duration.ofMillis(Math.round(delay * 1000))).then(result) : result;
	}

	private static @Nullable GatewayError raised(Object mock) {
		if (!(mock instanceof String text)) {
			return null;
		}
		if (text.equals("litellm.RateLimitError")) {
			return new RateLimitError("litellm.RateLimitError: this is a mock rate limit error", null);
		}
		if (text.equals("litellm.InternalServerError")) {
			return new UpstreamError(500, "internal_server_error",
					"litellm.InternalServerError: this is a mock internal server error", null);
		}
		if (text.startsWith("Exception: content_filter_policy")) {
			return new ContentPolicyViolationError("litellm.ContentPolicyViolationError: " + text);
		}
		return null;
	}

	/** The router's test switches, for the group the request named. */
	private static @Nullable GatewayError testSwitch(ProviderCall call) {
		Map<String, @Nullable Object> fields = call.request().extra();
		String group = call.deployment().modelName();
		if (!group.equals(call.request().model())) {
			return null;
		}
		if (truthy(fields.get("mock_testing_fallbacks"))) {
			return new InternalError("litellm.InternalServerError: This is a mock exception for model=" + group
					+ ", to trigger a fallback.");
		}
		if (truthy(fields.get("mock_testing_context_fallbacks"))) {
			return new ContextWindowExceededError("litellm.ContextWindowExceededError: This is a mock exception for "
					+ "model=" + group + ", to trigger a fallback.");
		}
		if (truthy(fields.get("mock_testing_content_policy_fallbacks"))) {
			return new ContentPolicyViolationError("litellm.ContentPolicyViolationError: This is a mock exception for "
					+ "model=" + group + ", to trigger a fallback.");
		}
		if (truthy(fields.get("mock_testing_rate_limit_error"))) {
			return new RateLimitError("litellm.RateLimitError: This is a mock exception for model=" + group
					+ ", to trigger a rate limit error.", null);
		}
		return null;
	}

	private static Usage usageOf(Map<?, ?> whole) {
		if (whole.get("usage") instanceof Map<?, ?> usage) {
			long prompt = number(usage.get("prompt_tokens"));
			long completion = number(usage.get("completion_tokens"));
			return new Usage(prompt, completion, prompt + completion, Map.of());
		}
		return Usage.NONE;
	}

	private static long number(@Nullable Object value) {
		return (value instanceof Number n) ? Math.max(0, n.longValue()) : 0;
	}

	private static boolean truthy(@Nullable Object value) {
		return Boolean.TRUE.equals(value) || (value instanceof String text && text.equalsIgnoreCase("true"));
	}

	/** Seconds from a number or a numeric string; 0 for anything else or a negative. */
	private static double seconds(@Nullable Object value) {
		double seconds = 0;
		if (value instanceof Number number) {
			seconds = number.doubleValue();
		}
		else if (value instanceof String text) {
			try {
				seconds = Double.parseDouble(text.trim());
			}
			catch (NumberFormatException ex) {
				seconds = 0;
			}
		}
		// bounded: a caller's number must not hold a connection for hours
		return (Double.isFinite(seconds) && seconds > 0) ? Math.min(seconds, 600) : 0;
	}

}
