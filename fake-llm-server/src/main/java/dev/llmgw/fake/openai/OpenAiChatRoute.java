package dev.llmgw.fake.openai;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.llmgw.fake.directive.DirectiveParser;
import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.ErrorRenderer;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import dev.llmgw.fake.http.Replies;
import dev.llmgw.fake.http.StreamTransport;
import dev.llmgw.fake.reply.ReplyText;
import dev.llmgw.fake.reply.TokenUsage;
import dev.llmgw.fake.reply.Words;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/chat/completions}, and any path ending in {@code /chat/completions} so
 * that Azure OpenAI deployments and OpenAI-compatible base URLs land here too. Answers
 * carry {@code x-ratelimit-remaining-requests} (10,000 less the model's calls so far) and
 * {@code -tokens} (1,000,000 less 100 a call), as OpenAI reports its limits.
 */
public final class OpenAiChatRoute implements ProviderRoute {

	private static final String PATH_SUFFIX = "/chat/completions";

	private final AtomicLong sequence = new AtomicLong();

	/** Answers served per model, for the rate-limit headers. */
	private final Map<String, AtomicLong> served = new ConcurrentHashMap<>();

	private final FailureCounter failures;

	private final ErrorRenderer errors;

	private final StreamTransport streams;

	public OpenAiChatRoute(FailureCounter failures) {
		this(failures, OpenAiErrors::send);
	}

	/**
	 * @param errors how simulated failures look, so Azure OpenAI can reuse this route
	 */
	public OpenAiChatRoute(FailureCounter failures, ErrorRenderer errors) {
		this(failures, errors, StreamTransport.SERVER_SENT_EVENTS);
	}

	/**
	 * @param errors how simulated failures look
	 * @param streams how the chunks travel, so that SageMaker can carry them in
	 * event-stream frames
	 */
	public OpenAiChatRoute(FailureCounter failures, ErrorRenderer errors, StreamTransport streams) {
		this.failures = failures;
		this.errors = errors;
		this.streams = streams;
	}

	@Override
	public boolean matches(HttpMethod method, String path) {
		return HttpMethod.POST.equals(method) && path.endsWith(PATH_SUFFIX);
	}

	@Override
	public Mono<Void> handle(ProviderCall call) {
		JsonNode body;
		try {
			body = Json.read(call.body());
		}
		catch (JacksonException ex) {
			return OpenAiErrors.invalidJson(call.response());
		}
		if (!body.isObject()) {
			return OpenAiErrors.invalidJson(call.response());
		}
		ChatRequest request = ChatRequest.from(body, OpenAiPaths.model(body, call.path()));
		call.countModel(request.model());
		Directives directives = DirectiveParser.parse(call.request().requestHeaders(), request.model());
		FakeError error = this.failures.errorFor(directives, request.model());
		if (error != null) {
			return Replies.after(directives.latencyMs(), () -> this.errors.send(call.response(), error,
					directives.retryAfterSeconds(), Math.max(1, request.promptWords())));
		}
		// as OpenAI reports its own limits: a count per model that goes down by one a
		// call
		long served = this.served.computeIfAbsent(request.model(), (model) -> new AtomicLong()).incrementAndGet();
		call.response().header("x-ratelimit-remaining-requests", Long.toString(Math.max(0, 10_000 - served)));
		call.response().header("x-ratelimit-remaining-tokens", Long.toString(Math.max(0, 1_000_000 - 100 * served)));
		ChatReply reply = reply(call, request, directives);
		if (request.stream()) {
			return ChatStream.send(call.response(), reply, directives, request.includeUsage(), this.streams);
		}
		return Replies.after(directives.latencyMs(),
				() -> Replies.json(call.response(), HttpResponseStatus.OK, ChatCompletionWriter.write(reply)));
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return OpenAiErrors.invalidApiKey(response);
	}

	private ChatReply reply(ProviderCall call, ChatRequest request, Directives directives) {
		String toolCall = request.hasTools() ? directives.toolCall() : null;
		String content = (toolCall != null) ? "" : ReplyText.choose(directives, request.lastUserText(), call::bodyText);
		// usage counts every choice, as OpenAI's does for n > 1
		int completionWords = Math.max(1, Words.count(content)) * request.choices();
		return new ChatReply(this.sequence.incrementAndGet(), System.currentTimeMillis() / 1000,
				DirectiveParser.baseModel(request.model()), content, toolCall, request.choices(),
				TokenUsage.of(request.promptWords(), completionWords));
	}

}
