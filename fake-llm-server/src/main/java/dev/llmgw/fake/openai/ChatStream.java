package dev.llmgw.fake.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.http.StreamTransport;
import dev.llmgw.fake.reply.Words;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Streams a chat completion as OpenAI does: a role chunk, the content chunks, a finish
 * chunk per choice, the usage chunk when asked for, then {@code [DONE]}.
 */
final class ChatStream {

	private static final String TOOL_ARGUMENTS = "{}";

	private ChatStream() {
	}

	static Mono<Void> send(HttpServerResponse response, ChatReply reply, Directives directives, boolean includeUsage,
			StreamTransport transport) {
		ChatChunkWriter writer = new ChatChunkWriter(reply, includeUsage);
		List<byte[]> frames = new ArrayList<>();
		addPerChoice(frames, reply, writer::role);
		List<String> pieces = (reply.toolCall() != null) ? List.of(TOOL_ARGUMENTS)
				: Words.split(reply.content(), directives.chunks());
		boolean drop = directives.errorAfterChunks() >= 0;
		int contentChunks = drop ? Math.min(directives.errorAfterChunks(), pieces.size()) : pieces.size();
		for (String piece : pieces.subList(0, contentChunks)) {
			addPerChoice(frames, reply, (index) -> (reply.toolCall() != null) ? writer.toolArguments(index, piece)
					: writer.content(index, piece));
		}
		if (!drop) {
			addPerChoice(frames, reply, writer::finish);
			if (includeUsage && !directives.noUsage()) {
				frames.add(writer.usage());
			}
			frames.add(ChatChunkWriter.DONE);
		}
		return transport.send(response, frames, directives, !drop);
	}

	private static void addPerChoice(List<byte[]> frames, ChatReply reply, IntFunction<byte[]> chunk) {
		for (int index = 0; index < reply.choices(); index++) {
			frames.add(chunk.apply(index));
		}
	}

}
