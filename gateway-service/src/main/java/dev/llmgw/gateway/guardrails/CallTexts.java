package dev.llmgw.gateway.guardrails;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ChatMessage;
import dev.llmgw.model.openai.EmbeddingRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The texts a guardrail reads, taken out of a call and put back masked, in OpenAI form:
 * every message's text (a string content, or each text part), whatever its role, as
 * LiteLLM sends them to Bedrock; an embedding's inputs; each choice's answer.
 */
final class CallTexts {

	private CallTexts() {
	}

	/** The prompt's texts, in order; empty for a request without any. */
	static List<String> prompt(Object request) {
		List<String> texts = new ArrayList<>();
		if (request instanceof ChatCompletionRequest chat && chat.messages() != null) {
			for (ChatMessage message : chat.messages()) {
				if (message == null) {
					continue;
				}
				if (message.content() instanceof String text) {
					texts.add(text);
				}
				else if (message.content() instanceof List<?> parts) {
					for (Object part : parts) {
						String text = textOf(part);
						if (text != null) {
							texts.add(text);
						}
					}
				}
			}
		}
		else if (request instanceof EmbeddingRequest embedding) {
			if (embedding.input() instanceof String text) {
				texts.add(text);
			}
			else if (embedding.input() instanceof List<?> items) {
				items.stream().filter(String.class::isInstance).map(String.class::cast).forEach(texts::add);
			}
		}
		return texts;
	}

	/**
	 * The request with its prompt's texts replaced, in the order {@link #prompt} read
	 * them.
	 */
	static Object withPrompt(Object request, List<String> texts) {
		int[] next = { 0 };
		if (request instanceof ChatCompletionRequest chat && chat.messages() != null) {
			List<ChatMessage> messages = new ArrayList<>();
			for (ChatMessage message : chat.messages()) {
				if (message == null) {
					messages.add(null);
				}
				else if (message.content() instanceof String) {
					messages
						.add(new ChatMessage(message.role(), texts.get(next[0]++), message.name(), message.extra()));
				}
				else if (message.content() instanceof List<?> parts) {
					List<Object> rebuilt = new ArrayList<>();
					for (Object part : parts) {
						if (textOf(part) != null) {
							Map<String, Object> copy = new LinkedHashMap<>();
							((Map<?, ?>) part).forEach((key, value) -> copy.put(String.valueOf(key), value));
							copy.put("text", texts.get(next[0]++));
							rebuilt.add(copy);
						}
						else {
							rebuilt.add(part);
						}
					}
					messages.add(new ChatMessage(message.role(), rebuilt, message.name(), message.extra()));
				}
				else {
					messages.add(message);
				}
			}
			return new ChatCompletionRequest(chat.model(), messages, chat.stream(), chat.streamOptions(),
					chat.maxTokens(), chat.maxCompletionTokens(), chat.temperature(), chat.user(), chat.extra());
		}
		if (request instanceof EmbeddingRequest embedding) {
			if (embedding.input() instanceof String) {
				return new EmbeddingRequest(embedding.model(), texts.get(0), embedding.user(), embedding.extra());
			}
			if (embedding.input() instanceof List<?> items) {
				List<Object> rebuilt = new ArrayList<>();
				for (Object item : items) {
					rebuilt.add((item instanceof String) ? texts.get(next[0]++) : item);
				}
				return new EmbeddingRequest(embedding.model(), rebuilt, embedding.user(), embedding.extra());
			}
		}
		return request;
	}

	/** Each choice's answer text, in order, from a chat completion. */
	static List<String> answer(JsonNode completion) {
		List<String> texts = new ArrayList<>();
		for (JsonNode choice : completion.path("choices")) {
			JsonNode content = choice.path("message").path("content");
			if (content.isString()) {
				texts.add(content.asString());
			}
		}
		return texts;
	}

	/** The completion with its answer texts replaced, as {@link #answer} read them. */
	static byte[] withAnswer(JsonMapper mapper, JsonNode completion, List<String> texts) {
		int next = 0;
		for (JsonNode choice : completion.path("choices")) {
			JsonNode message = choice.path("message");
			if (message.path("content").isString() && message instanceof ObjectNode writable) {
				writable.put("content", texts.get(next++));
			}
		}
		return mapper.writeValueAsBytes(completion);
	}

	private static @Nullable String textOf(@Nullable Object part) {
		if (part instanceof Map<?, ?> map && "text".equals(map.get("type")) && map.get("text") instanceof String text) {
			return text;
		}
		return null;
	}

}
