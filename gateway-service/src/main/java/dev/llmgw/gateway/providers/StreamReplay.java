package dev.llmgw.gateway.providers;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A cached answer told as an OpenAI stream, as LiteLLM replays one: per choice a chunk
 * with the whole message (role, content, tool calls with their index), then a chunk with
 * its finish reason; the usage chunk when the caller asked for it
 * ({@code stream_options.include_usage}); {@code [DONE]}. Every chunk carries the entry's
 * id, creation time and model.
 */
public final class StreamReplay {

	private StreamReplay() {
	}

	public static List<byte[]> frames(JsonMapper mapper, JsonNode completion, boolean withUsage) {
		List<byte[]> frames = new ArrayList<>();
		JsonNode choices = completion.path("choices");
		for (JsonNode choice : choices) {
			JsonNode message = choice.path("message");
			ObjectNode delta = mapper.createObjectNode();
			delta.put("role", message.path("role").asString("assistant"));
			delta.set("content", message.path("content").isString() ? message.get("content") : mapper.nullNode());
			for (String field : List.of("reasoning_content", "refusal")) {
				if (message.path(field).isString()) {
					delta.set(field, message.get(field));
				}
			}
			JsonNode calls = message.get("tool_calls");
			if (calls != null && calls.isArray() && !calls.isEmpty()) {
				ArrayNode indexed = delta.putArray("tool_calls");
				int index = 0;
				for (JsonNode call : calls) {
					ObjectNode item = indexed.addObject();
					item.put("index", index++);
					item.setAll((ObjectNode) call.deepCopy());
				}
			}
			frames.add(chunk(mapper, completion, choice.path("index").asInt(0), delta, null));
		}
		for (JsonNode choice : choices) {
			String finish = choice.path("finish_reason").asString("stop");
			frames.add(chunk(mapper, completion, choice.path("index").asInt(0), mapper.createObjectNode(), finish));
		}
		if (withUsage && completion.path("usage").isObject()) {
			ObjectNode chunk = head(mapper, completion);
			chunk.putArray("choices");
			chunk.set("usage", completion.get("usage"));
			frames.add(SseFrames.data(mapper.writeValueAsBytes(chunk)));
		}
		frames.add(OpenAiChunkWriter.DONE_FRAME);
		return frames;
	}

	private static byte[] chunk(JsonMapper mapper, JsonNode completion, int index, ObjectNode delta,
			@org.jspecify.annotations.Nullable String finishReason) {
		ObjectNode chunk = head(mapper, completion);
		ObjectNode choice = chunk.putArray("choices").addObject();
		choice.put("index", index);
		choice.set("delta", delta);
		choice.putNull("logprobs");
		if (finishReason != null) {
			choice.put("finish_reason", finishReason);
		}
		else {
			choice.putNull("finish_reason");
		}
		return SseFrames.data(mapper.writeValueAsBytes(chunk));
	}

	private static ObjectNode head(JsonMapper mapper, JsonNode completion) {
		ObjectNode chunk = mapper.createObjectNode();
		chunk.set("id", completion.get("id"));
		chunk.put("object", "chat.completion.chunk");
		chunk.set("created", completion.get("created"));
		chunk.set("model", completion.get("model"));
		if (completion.hasNonNull("system_fingerprint")) {
			chunk.set("system_fingerprint", completion.get("system_fingerprint"));
		}
		return chunk;
	}

}
