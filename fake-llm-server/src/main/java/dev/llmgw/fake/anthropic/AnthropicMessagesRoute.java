package dev.llmgw.fake.anthropic;

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
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/messages}, Anthropic's Messages API.
 *
 * @see <a href="https://docs.anthropic.com/en/api/messages">Messages</a>
 */
public final class AnthropicMessagesRoute implements ProviderRoute {

	private static final String PATH_SUFFIX = "/v1/messages";

	private final AtomicLong sequence = new AtomicLong();

	private final FailureCounter failures;

	public AnthropicMessagesRoute(FailureCounter failures) {
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
			return AnthropicErrors.invalidRequest(response, "There was an error parsing the body of your request.");
		}
		if (!body.isObject()) {
			return AnthropicErrors.invalidRequest(response, "There was an error parsing the body of your request.");
		}
		String missing = MessagesRequest.missingField(body);
		if (missing != null) {
			return AnthropicErrors.invalidRequest(response, missing + ": Field required");
		}
		MessagesRequest request = MessagesRequest.from(body);
		call.countModel(request.model());
		Directives directives = DirectiveParser.parse(call.request().requestHeaders(), request.model());
		FakeError error = this.failures.errorFor(directives, request.model());
		int inputTokens = Math.max(1, request.promptWords());
		// with error_after_chunks a stream fails part-way, so the error (if any) is
		// rendered then as an error event rather than before the stream
		boolean midStream = request.stream() && directives.errorAfterChunks() >= 0;
		if (error != null && !midStream) {
			return Replies.after(directives.latencyMs(),
					() -> AnthropicErrors.send(response, error, directives.retryAfterSeconds(), inputTokens));
		}
		MessageReply reply = reply(call, request, directives, inputTokens);
		if (request.stream()) {
			return MessageStream.send(response, reply, directives, error);
		}
		return Replies.after(directives.latencyMs(),
				() -> Replies.json(response, HttpResponseStatus.OK, MessageWriter.write(reply)));
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return AnthropicErrors.unauthorized(response);
	}

	private MessageReply reply(ProviderCall call, MessagesRequest request, Directives directives, int inputTokens) {
		String toolCall = request.hasTools() ? directives.toolCall() : null;
		// a reply directive next to a tool call becomes the text Claude writes before the
		// tool_use block, so clients meet both blocks
		String text = (toolCall == null) ? ReplyText.choose(directives, request.lastUserText(), call::bodyText)
				: (directives.reply() != null) ? directives.reply() : "";
		Completion completion = Completion.of(text, request.maxTokens(), request.stopSequences());
		return new MessageReply(this.sequence.incrementAndGet(), DirectiveParser.baseModel(request.model()), completion,
				toolCall, inputTokens);
	}

}
