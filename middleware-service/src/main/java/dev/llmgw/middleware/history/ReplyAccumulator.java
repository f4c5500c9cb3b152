package dev.llmgw.middleware.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.model.openai.ChatMessage;
import dev.llmgw.model.openai.ToolCall;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The assistant message a stream adds up to, from its chunks' deltas: the text, and each
 * tool call's id, name and arguments, joined in the order they came. One per stream.
 */
public final class ReplyAccumulator {

	private final StringBuilder text = new StringBuilder();

	private final List<CallSoFar> calls = new ArrayList<>(2);

	/**
	 * @param chunk one parsed {@code chat.completion.chunk}
	 */
	public void add(JsonNode chunk) {
		JsonNode delta = null;
		for (JsonNode choice : chunk.path("choices")) {
			// with n > 1 the first choice is the reply, as for an answer that is not
			// streamed
			if (choice.path("index").asInt(0) == 0) {
				delta = choice.path("delta");
			}
		}
		if (delta == null || delta.isMissingNode()) {
			return;
		}
		String content = delta.path("content").asString("");
		if (!content.isEmpty()) {
			this.text.append(content);
		}
		for (JsonNode call : delta.path("tool_calls")) {
			int index = call.path("index").asInt(this.calls.size());
			while (this.calls.size() <= index) {
				this.calls.add(new CallSoFar());
			}
			CallSoFar accumulated = this.calls.get(index);
			if (call.hasNonNull("id")) {
				accumulated.id = call.path("id").asString("");
			}
			JsonNode function = call.path("function");
			if (function.hasNonNull("name")) {
				accumulated.name.append(function.path("name").asString(""));
			}
			accumulated.arguments.append(function.path("arguments").asString(""));
		}
	}

	/**
	 * @param mapper makes the nodes
	 * @return the assistant message, as a non-streamed answer would have carried it
	 */
	public ObjectNode message(JsonMapper mapper) {
		Map<String, @Nullable Object> extra = new LinkedHashMap<>(2);
		if (!this.calls.isEmpty()) {
			extra.put("tool_calls",
					this.calls.stream()
						.map((call) -> ToolCall.of(call.id, call.name.toString(), call.arguments.toString()))
						.toList());
		}
		// an answer that only calls tools has a null content, as OpenAI writes it
		String content = (this.text.isEmpty() && !this.calls.isEmpty()) ? null : this.text.toString();
		return mapper.valueToTree(new ChatMessage("assistant", content, null, extra));
	}

	private static final class CallSoFar {

		private String id = "";

		private final StringBuilder name = new StringBuilder();

		private final StringBuilder arguments = new StringBuilder();

	}

}
