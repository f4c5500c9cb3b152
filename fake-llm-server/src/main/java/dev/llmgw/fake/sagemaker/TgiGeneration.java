package dev.llmgw.fake.sagemaker;

import dev.llmgw.fake.directive.DirectiveParser;
import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.Replies;
import dev.llmgw.fake.reply.Completion;
import dev.llmgw.fake.reply.ReplyText;
import dev.llmgw.fake.reply.Words;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;

/**
 * A Hugging Face TGI container's {@code {"inputs", "parameters"}} request, answered whole
 * or streamed. The prompt is one templated string, so the echo is of all of it.
 */
final class TgiGeneration {

	private final FailureCounter failures;

	TgiGeneration(FailureCounter failures) {
		this.failures = failures;
	}

	Mono<Void> handle(ProviderCall call, SageMakerPath path, JsonNode body) {
		HttpServerResponse response = call.response();
		String invalid = TgiRequest.invalid(body);
		if (invalid != null) {
			return SageMakerErrors.modelError(response, path.name(), 422, SageMakerErrors.tgiError(invalid));
		}
		TgiRequest request = TgiRequest.from(body);
		call.countModel(path.endpoint());
		Directives directives = DirectiveParser.parse(call.request().requestHeaders(), path.endpoint());
		FakeError error = this.failures.errorFor(directives, path.endpoint());
		int promptTokens = Math.max(1, Words.count(request.inputs()));
		// with error_after_chunks a stream fails part-way, so the error (if any) becomes
		// the exception frame that ends it
		boolean midStream = path.stream() && directives.errorAfterChunks() >= 0;
		if (error != null && !midStream) {
			return Replies.after(directives.latencyMs(),
					() -> SageMakerErrors.send(response, error, directives.retryAfterSeconds(), promptTokens));
		}
		Completion completion = Completion.of(ReplyText.choose(directives, request.inputs(), call::bodyText),
				request.maxNewTokens(), request.stop());
		TgiReply reply = new TgiReply(request, completion, promptTokens);
		if (path.stream()) {
			return TgiStream.send(response, reply, directives, error);
		}
		response.header(SageMakerRoute.INVOKED_VARIANT, SageMakerRoute.VARIANT);
		return Replies.after(directives.latencyMs(),
				() -> Replies.json(response, HttpResponseStatus.OK, TgiWriter.response(reply)));
	}

}
