package dev.llmgw.gateway.providers;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts a relayed OpenAI stream back together as the chat completion it streamed, so that
 * it is stored as one answer (served whole, or replayed as chunks by
 * {@link StreamReplay}). Each choice's text, reasoning and tool-call arguments are joined
 * in order; fields the chunks carry at the top ({@code system_fingerprint}) are kept.
 * Written by the one thread that drives the stream.
 */
public final class StreamAssembler {

	private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

	private final JsonMapper mapper;

	private @Nullable ObjectNode head;

	private final Map<Integer, Choice> choices = new TreeMap<>();

	private @Nullable JsonNode usage;

	private boolean done;

	private boolean broken;

	public StreamAssembler(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** Reads one relayed frame. */
	public void accept(byte[] frame) {
		if (this.broken) {
			return;
		}
		if (!startsWithData(frame)) {
			// comments and keep-alives carry no answer
			return;
		}
		String payload = SseFrames.payload(frame);
		if ("[DONE]".equals(payload)) {
			this.done = true;
			return;
		}
		try {
			JsonNode chunk = this.mapper.readTree(payload);
			if (!(chunk instanceof ObjectNode object) || chunk.has("error")) {
				this.broken = true;
				return;
			}
			read(object);
		}
		catch (JacksonException ex) {
			this.broken = true;
		}
	}

	/**
	 * The whole answer, or null when the stream did not end as a success (no
	 * {@code [DONE]}, an error frame, no finished choice).
	 * @param reported the usage the stream reported to the gateway, for a caller who did
	 * not ask for the usage chunk
	 */
	public @Nullable String completion(Usage reported) {
		if (this.broken || !this.done || this.head == null || this.choices.isEmpty()) {
			return null;
		}
		ObjectNode completion = this.mapper.createObjectNode();
		completion.set("id", this.head.get("id"));
		completion.put("object", "chat.completion");
		completion.set("created", this.head.get("created"));
		completion.set("model", this.head.get("model"));
		if (this.head.hasNonNull("system_fingerprint")) {
			completion.set("system_fingerprint", this.head.get("system_fingerprint"));
		}
		ArrayNode list = completion.putArray("choices");
		for (Map.Entry<Integer, Choice> entry : this.choices.entrySet()) {
			Choice choice = entry.getValue();
			if (choice.finishReason == null) {
				return null;
			}
			ObjectNode item = list.addObject();
			item.put("index", entry.getKey());
			item.set("message", choice.message(this.mapper));
			item.putNull("logprobs");
			item.put("finish_reason", choice.finishReason);
		}
		if (this.usage != null && this.usage.isObject()) {
			completion.set("usage", this.usage);
		}
		else if (reported != Usage.NONE) {
			completion.set("usage", this.mapper.valueToTree(reported));
		}
		return this.mapper.writeValueAsString(completion);
	}

	private void read(ObjectNode chunk) {
		if (this.head == null && chunk.hasNonNull("id")) {
			this.head = chunk;
		}
		if (chunk.hasNonNull("usage")) {
			this.usage = chunk.get("usage");
		}
		JsonNode list = chunk.get("choices");
		if (list == null || !list.isArray()) {
			return;
		}
		for (JsonNode item : list) {
			int index = item.path("index").asInt(0);
			Choice choice = this.choices.computeIfAbsent(index, (ignored) -> new Choice());
			JsonNode delta = item.get("delta");
			if (delta != null && delta.isObject()) {
				choice.read(delta);
			}
			JsonNode finish = item.get("finish_reason");
			if (finish != null && finish.isString()) {
				choice.finishReason = finish.asString();
			}
		}
	}

	private static boolean startsWithData(byte[] frame) {
		if (frame.length < DATA.length) {
			return false;
		}
		for (int i = 0; i < DATA.length; i++) {
			if (frame[i] != DATA[i]) {
				return false;
			}
		}
		return true;
	}

	/** One choice's message as its deltas build it. */
	private static final class Choice {

		private String role = "assistant";

		private @Nullable StringBuilder content;

		private @Nullable StringBuilder reasoning;

		private @Nullable StringBuilder refusal;

		private final Map<Integer, ToolCall> toolCalls = new TreeMap<>();

		private @Nullable String finishReason;

		void read(JsonNode delta) {
			if (delta.path("role").isString()) {
				this.role = delta.get("role").asString();
			}
			this.content = append(this.content, delta.get("content"));
			this.reasoning = append(this.reasoning, delta.get("reasoning_content"));
			this.refusal = append(this.refusal, delta.get("refusal"));
			JsonNode calls = delta.get("tool_calls");
			if (calls != null && calls.isArray()) {
				for (JsonNode call : calls) {
					int index = call.path("index").asInt(this.toolCalls.size());
					this.toolCalls.computeIfAbsent(index, (ignored) -> new ToolCall()).read(call);
				}
			}
		}

		ObjectNode message(JsonMapper mapper) {
			ObjectNode message = mapper.createObjectNode();
			message.put("role", this.role);
			if (this.content != null) {
				message.put("content", this.content.toString());
			}
			else {
				message.putNull("content");
			}
			if (this.reasoning != null) {
				message.put("reasoning_content", this.reasoning.toString());
			}
			if (this.refusal != null) {
				message.put("refusal", this.refusal.toString());
			}
			if (!this.toolCalls.isEmpty()) {
				ArrayNode calls = message.putArray("tool_calls");
				for (ToolCall call : this.toolCalls.values()) {
					ObjectNode item = calls.addObject();
					item.put("id", call.id);
					item.put("type", call.type);
					ObjectNode function = item.putObject("function");
					function.put("name", call.name);
					function.put("arguments", call.arguments.toString());
				}
			}
			return message;
		}

		private static @Nullable StringBuilder append(@Nullable StringBuilder text, @Nullable JsonNode piece) {
			if (piece == null || !piece.isString()) {
				return text;
			}
			StringBuilder joined = (text != null) ? text : new StringBuilder();
			joined.append(piece.asString());
			return joined;
		}

	}

	/** One tool call as its deltas build it. */
	private static final class ToolCall {

		private @Nullable String id;

		private String type = "function";

		private @Nullable String name;

		private final StringBuilder arguments = new StringBuilder();

		void read(JsonNode call) {
			if (call.path("id").isString()) {
				this.id = call.get("id").asString();
			}
			if (call.path("type").isString()) {
				this.type = call.get("type").asString();
			}
			JsonNode function = call.get("function");
			if (function != null) {
				if (function.path("name").isString()) {
					this.name = function.get("name").asString();
				}
				if (function.path("arguments").isString()) {
					this.arguments.append(function.get("arguments").asString());
				}
			}
		}

	}

}
