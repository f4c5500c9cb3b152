package dev.llmgw.fake.cohere;

import java.util.concurrent.atomic.AtomicLong;

import dev.llmgw.fake.directive.DirectiveParser;
import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import dev.llmgw.fake.http.Replies;
import dev.llmgw.fake.reply.Completion;
import dev.llmgw.fake.reply.ReplyText;
import dev.llmgw.fake.reply.StopReason;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v2/chat}, Cohere's v2 chat API.
 *
 * @see <a href="https://docs.cohere.com/reference/chat">Chat</a>
 */
public final class CohereChatRoute implements ProviderRoute {

	private static final String PATH_SUFFIX = "/v2/chat";

	private final AtomicLong sequence = new AtomicLong();

	private final FailureCounter failures;

	public CohereChatRoute(FailureCounter failures) {
		this.failures = failures;
	}

	@Override
	public boolean matches(HttpMethod method, String path) {
		return HttpMethod.POST.equals(method) && path.endsWith(PATH_SUFFIX);
	}

	@Override
	public Mono<Void> handle(ProviderCall call) {
		HttpServerResponse response = call.response();
		JsonNode body;
		try {
			body = Json.read(call.body());
		}
		catch (JacksonException ex) {
			return CohereErrors.invalidRequest(response, "body is not valid JSON");
		}
		if (!body.isObject() || !body.path("model").isString()) {
			return CohereErrors.invalidRequest(response, "model is required");
		}
		if (!body.path("messages").isArray()) {
			return CohereErrors.invalidRequest(response, "messages is required");
		}
		CohereChatRequest request = CohereChatRequest.from(body);
		call.countModel(request.model());
		Directives directives = DirectiveParser.parse(call.request().requestHeaders(), request.model());
		FakeError error = this.failures.errorFor(directives, request.model());
		int inputTokens = Math.max(1, request.promptWords());
		if (error != null) {
			return Replies.after(directives.latencyMs(),
					() -> CohereErrors.send(response, error, directives.retryAfterSeconds(), inputTokens));
		}
		CohereChatReply reply = reply(call, request, directives, inputTokens);
		if (request.stream()) {
			return CohereChatStream.send(response, reply, directives);
		}
		return Replies.after(directives.latencyMs(),
				() -> Replies.json(response, HttpResponseStatus.OK, CohereChatWriter.write(reply)));
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return CohereErrors.invalidToken(response);
	}

	private CohereChatReply reply(ProviderCall call, CohereChatRequest request, Directives directives,
			int inputTokens) {
		String toolCall = request.hasTools() ? directives.toolCall() : null;
		Completion completion;
		if (toolCall != null) {
			// Cohere's models state a tool plan before calling; a reply directive sets it
			String plan = (directives.reply() != null) ? directives.reply() : "I will use the " + toolCall + " tool.";
			completion = new Completion(plan, StopReason.END, null);
		}
		else {
			completion = Completion.of(ReplyText.choose(directives, request.lastUserText(), call::bodyText),
					request.maxTokens(), request.stopSequences());
		}
		return new CohereChatReply(this.sequence.incrementAndGet(), completion, toolCall, inputTokens);
	}

}
