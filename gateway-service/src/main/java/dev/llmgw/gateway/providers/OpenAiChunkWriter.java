package dev.llmgw.gateway.providers;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.llmgw.model.openai.ChatCompletionChunk;
import dev.llmgw.model.openai.ToolCall;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the OpenAI chunk frames of one translated stream: the same id, model and
 * creation time on every chunk, the role on the first, usage recorded in the tally and
 * sent only when the caller asked for it, and {@code [DONE]} last. One per stream.
 */
public final class OpenAiChunkWriter {

	public static final byte[] DONE_FRAME = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

	private final JsonMapper mapper;

	private final String id;

	private final String model;

	private final long created;

	private final boolean callerWantsUsage;

	private final StreamTally tally;

	private boolean roleSent;

	public OpenAiChunkWriter(JsonMapper mapper, String id, String model, boolean callerWantsUsage, StreamTally tally) {
		this.mapper = mapper;
		this.id = id;
		this.model = model;
		this.created = System.currentTimeMillis() / 1000;
		this.callerWantsUsage = callerWantsUsage;
		this.tally = tally;
	}

	/** The first chunk, which names the assistant role. */
	public byte[] role() {
		this.roleSent = true;
		return chunk(new ChatCompletionChunk.Delta("assistant", "", null), null);
	}

	public byte[] text(String text) {
		byte[] frame = chunk(delta(text, null), null);
		this.tally.countChunk(frame.length);
		return frame;
	}

	public byte[] toolCallStart(int index, String callId, String name) {
		return chunk(delta(null, List.of(new ToolCall(index, callId, "function", new ToolCall.FunctionCall(name, "")))),
				null);
	}

	/** A whole tool call in one chunk, for providers that send each call complete. */
	public byte[] toolCall(int index, String callId, String name, String arguments) {
		return chunk(
				delta(null,
						List.of(new ToolCall(index, callId, "function", new ToolCall.FunctionCall(name, arguments)))),
				null);
	}

	public byte[] toolCallArguments(int index, String argumentsPiece) {
		return chunk(
				delta(null, List.of(new ToolCall(index, null, null, new ToolCall.FunctionCall(null, argumentsPiece)))),
				null);
	}

	public byte[] finish(String finishReason) {
		return chunk(delta(null, null), finishReason);
	}

	/**
	 * Records the stream's usage.
	 * @param usage the provider's token counts
	 * @return the usage chunk, or null when the caller did not ask for one
	 */
	public byte @Nullable [] usage(Usage usage) {
		this.tally.usage(usage);
		if (!this.callerWantsUsage) {
			return null;
		}
		return SseFrames.data(this.mapper.writeValueAsBytes(new ChatCompletionChunk(this.id, ChatCompletionChunk.OBJECT,
				this.created, this.model, List.of(), usage)));
	}

	public boolean roleSent() {
		return this.roleSent;
	}

	private ChatCompletionChunk.Delta delta(@Nullable String text, @Nullable List<ToolCall> toolCalls) {
		String role = this.roleSent ? null : "assistant";
		this.roleSent = true;
		return new ChatCompletionChunk.Delta(role, text, toolCalls);
	}

	private byte[] chunk(ChatCompletionChunk.Delta delta, @Nullable String finishReason) {
		ChatCompletionChunk chunk = new ChatCompletionChunk(this.id, ChatCompletionChunk.OBJECT, this.created,
				this.model, List.of(new ChatCompletionChunk.Choice(0, delta, finishReason)), null);
		return SseFrames.data(this.mapper.writeValueAsBytes(chunk));
	}

}
