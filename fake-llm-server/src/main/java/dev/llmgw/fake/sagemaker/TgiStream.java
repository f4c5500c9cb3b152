package dev.llmgw.fake.sagemaker;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.reply.Words;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Streams a TGI answer through SageMaker: one token event per piece of the text, in
 * {@code PayloadPart}s; after {@code error_after_chunks} tokens the stream ends with an
 * exception frame instead.
 */
final class TgiStream {

	private TgiStream() {
	}

	/**
	 * @param midStreamError the failure to end with after {@code error_after_chunks}
	 * tokens, or null for a model stream error
	 */
	static Mono<Void> send(HttpServerResponse response, TgiReply reply, Directives directives,
			@Nullable FakeError midStreamError) {
		List<String> pieces = Words.split(reply.completion().text(), directives.chunks());
		boolean cut = directives.errorAfterChunks() >= 0 && directives.errorAfterChunks() < pieces.size();
		int count = cut ? directives.errorAfterChunks() : pieces.size();
		List<byte[]> events = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			events.add(TgiWriter.event(reply, i, pieces.get(i), i == pieces.size() - 1));
		}
		return PayloadParts.send(response, events, directives,
				cut ? SageMakerErrors.streamException(midStreamError) : null);
	}

}
