package dev.llmgw.fake.bedrock;

import java.util.concurrent.atomic.AtomicLong;

import dev.llmgw.fake.directive.DirectiveParser;
import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.directive.ErrorKind;
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
 * {@code POST /model/{modelId}/converse} and {@code /converse-stream}.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html">Converse</a>
 */
public final class BedrockConverseRoute implements ProviderRoute {

	private static final String CONVERSE = "converse";

	private static final String CONVERSE_STREAM = "converse-stream";

	private final AtomicLong sequence = new AtomicLong();

	private final FailureCounter failures;

	public BedrockConverseRoute(FailureCounter failures) {
		this.failures = failures;
	}

	@Override
	public boolean matches(HttpMethod method, String path) {
		return HttpMethod.POST.equals(method)
				&& (BedrockPath.matches(path, CONVERSE) || BedrockPath.matches(path, CONVERSE_STREAM));
	}

	@Override
	public Mono<Void> handle(ProviderCall call) {
		HttpServerResponse response = call.response();
		String modelId = BedrockPath.modelId(call.path());
		JsonNode body;
		try {
			body = Json.read(call.body());
		}
		catch (JacksonException ex) {
			return BedrockErrors.validation(response,
					"Malformed input request, please reformat your input and try again.");
		}
		if (modelId == null || !body.isObject() || !body.path("messages").isArray()) {
			return BedrockErrors.validation(response, "A conversation must start with a user message.");
		}
		call.countModel(modelId);
		ConverseRequest request = ConverseRequest.from(body);
		Directives directives = DirectiveParser.parse(call.request().requestHeaders(), modelId);
		FakeError error = this.failures.errorFor(directives, modelId);
		int inputTokens = Math.max(1, request.promptWords());
		boolean stream = BedrockPath.matches(call.path(), CONVERSE_STREAM);
		// a guardrail answers 200 with its own text; with error_after_chunks a stream
		// fails part-way, so the error becomes the exception frame
		boolean guardrail = error != null && error.kind() == ErrorKind.CONTENT_POLICY;
		boolean midStream = stream && directives.errorAfterChunks() >= 0;
		if (error != null && !guardrail && !midStream) {
			return Replies.after(directives.latencyMs(),
					() -> BedrockErrors.send(response, error, directives.retryAfterSeconds(), inputTokens));
		}
		ConverseReply reply = reply(call, request, directives, guardrail, inputTokens);
		if (stream) {
			return ConverseStream.send(response, reply, directives, guardrail ? null : error);
		}
		return Replies.after(directives.latencyMs(),
				() -> Replies.json(response, HttpResponseStatus.OK, ConverseWriter.write(reply)));
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return BedrockErrors.unrecognizedClient(response);
	}

	private ConverseReply reply(ProviderCall call, ConverseRequest request, Directives directives, boolean guardrail,
			int inputTokens) {
		String toolCall = (request.hasTools() && !guardrail) ? directives.toolCall() : null;
		Completion completion;
		if (guardrail) {
			completion = new Completion(ConverseReply.BLOCKED, StopReason.END, null);
		}
		else if (toolCall != null) {
			// a reply directive next to a tool call is the text the model writes first
			completion = new Completion((directives.reply() != null) ? directives.reply() : "", StopReason.END, null);
		}
		else {
			completion = Completion.of(ReplyText.choose(directives, request.lastUserText(), call::bodyText),
					request.maxTokens(), request.stopSequences());
		}
		return new ConverseReply(this.sequence.incrementAndGet(), completion, toolCall, guardrail, inputTokens,
				directives.latencyMs());
	}

}
