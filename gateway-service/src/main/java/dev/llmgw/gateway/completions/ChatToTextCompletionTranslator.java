package dev.llmgw.gateway.completions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.providers.SseFrames;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.ChatCompletionChunk;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chat answers as legacy text completions: {@code object: text_completion} with
 * {@code choices[].text}, whole or chunk by chunk; usage passes through and the stream
 * ends with {@code [DONE]} as before.
 */
final class ChatToTextCompletionTranslator {

	private final JsonMapper mapper;

	ChatToTextCompletionTranslator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	byte[] translate(ChatCompletion completion) {
		List<Map<String, @Nullable Object>> choices = new ArrayList<>();
		completion.choices()
			.forEach((choice) -> choices.add(choice(choice.index(), choice.message().text(), choice.finishReason())));
		return this.mapper.writeValueAsBytes(
				body(completion.id(), completion.created(), completion.model(), choices, completion.usage()));
	}

	/**
	 * @param frame an OpenAI chat chunk frame
	 * @param wantsUsage whether the caller asked for the usage chunk
	 * @return the text completion frame, or null for a chunk with nothing to say
	 */
	byte @Nullable [] translateFrame(byte[] frame, boolean wantsUsage) {
		String data = SseFrames.payload(frame);
		if ("[DONE]".equals(data)) {
			return frame;
		}
		ChatCompletionChunk chunk = this.mapper.readValue(data, ChatCompletionChunk.class);
		if (chunk.choices().isEmpty() && (!wantsUsage || chunk.usage() == null)) {
			return null;
		}
		List<Map<String, @Nullable Object>> choices = new ArrayList<>();
		for (ChatCompletionChunk.Choice choice : chunk.choices()) {
			String text = (choice.delta() != null && choice.delta().content() != null) ? choice.delta().content() : "";
			choices.add(choice(choice.index(), text, choice.finishReason()));
		}
		byte[] json = this.mapper
			.writeValueAsBytes(body(chunk.id(), chunk.created(), chunk.model(), choices, chunk.usage()));
		return SseFrames.data(json);
	}

	private static Map<String, @Nullable Object> choice(int index, String text, @Nullable String finishReason) {
		Map<String, @Nullable Object> choice = new LinkedHashMap<>();
		choice.put("text", text);
		choice.put("index", index);
		choice.put("logprobs", null);
		choice.put("finish_reason", finishReason);
		return choice;
	}

	private static Map<String, @Nullable Object> body(String id, long created, String model,
			List<Map<String, @Nullable Object>> choices, @Nullable Object usage) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("id", id);
		body.put("object", "text_completion");
		body.put("created", created);
		body.put("model", model);
		body.put("choices", choices);
		if (usage != null) {
			body.put("usage", usage);
		}
		return body;
	}

}
