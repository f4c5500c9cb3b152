package dev.llmgw.gateway.guardrails;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.RerankRequest;
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
 * LiteLLM sends them to Bedrock; an embedding's inputs (token arrays are refused: no
 * guardrail could read them); an image request's prompt; each choice's answer, its
 * reasoning, refusal and tool-call arguments.
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
				// an earlier answer's tool calls are part of the prompt too
				for (Object call : toolCalls(message)) {
					String arguments = argumentsOf(call);
					if (arguments != null) {
						texts.add(arguments);
					}
				}
			}
		}
		else if (request instanceof EmbeddingRequest embedding) {
			if (embedding.input() instanceof String text) {
				texts.add(text);
			}
			else if (embedding.input() instanceof List<?> items) {
				for (Object item : items) {
					if (!(item instanceof String text)) {
						// token ids would carry text no guardrail reads
						throw new BadRequestError(
								"Guardrails check text: embedding input must be strings, not token arrays, on this call",
								null, "input");
					}
					texts.add(text);
				}
			}
		}
		else if (request instanceof Map<?, ?> image && image.get("prompt") instanceof String prompt) {
			texts.add(prompt);
		}
		else if (request instanceof RerankRequest rerank) {
			texts.add(rerank.query());
			texts.addAll(rerank.documents());
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
					continue;
				}
				Object content = message.content();
				if (content instanceof String) {
					content = texts.get(next[0]++);
				}
				else if (content instanceof List<?> parts) {
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
					content = rebuilt;
				}
				messages
					.add(new ChatMessage(message.role(), content, message.name(), withToolCalls(message, texts, next)));
			}
			return new ChatCompletionRequest(chat.model(), messages, chat.stream(), chat.streamOptions(),
					chat.maxTokens(), chat.maxCompletionTokens(), chat.temperature(), chat.user(), chat.tools(),
					chat.toolChoice(), chat.responseFormat(), chat.extra());
		}
		if (request instanceof Map<?, ?> image && image.get("prompt") instanceof String) {
			Map<String, Object> copy = new LinkedHashMap<>();
			image.forEach((key, value) -> copy.put(String.valueOf(key), value));
			copy.put("prompt", texts.get(0));
			return copy;
		}
		if (request instanceof RerankRequest rerank) {
			return new RerankRequest(rerank.model(), texts.get(0), texts.subList(1, texts.size()), rerank.topN(),
					rerank.returnDocuments());
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

	/** The fields of an answer's message that carry text the caller reads. */
	private static final List<String> ANSWER_FIELDS = List.of("content", "reasoning_content", "refusal");

	/**
	 * Each choice's answer texts, in order, from a chat completion: its content,
	 * reasoning and refusal, and each tool call's arguments (an answer forced into a tool
	 * call is still an answer).
	 */
	static List<String> answer(JsonNode completion) {
		List<String> texts = new ArrayList<>();
		for (JsonNode choice : completion.path("choices")) {
			JsonNode message = choice.path("message");
			for (String field : ANSWER_FIELDS) {
				if (message.path(field).isString()) {
					texts.add(message.get(field).asString());
				}
			}
			for (JsonNode call : message.path("tool_calls")) {
				if (call.path("function").path("arguments").isString()) {
					texts.add(call.get("function").get("arguments").asString());
				}
			}
		}
		return texts;
	}

	/** The completion with its answer texts replaced, as {@link #answer} read them. */
	static byte[] withAnswer(JsonMapper mapper, JsonNode completion, List<String> texts) {
		int next = 0;
		for (JsonNode choice : completion.path("choices")) {
			JsonNode message = choice.path("message");
			for (String field : ANSWER_FIELDS) {
				if (message.path(field).isString() && message instanceof ObjectNode writable) {
					writable.put(field, texts.get(next++));
				}
			}
			for (JsonNode call : message.path("tool_calls")) {
				if (call.path("function").path("arguments").isString()
						&& call.get("function") instanceof ObjectNode function) {
					function.put("arguments", texts.get(next++));
				}
			}
		}
		return mapper.writeValueAsBytes(completion);
	}

	private static List<?> toolCalls(ChatMessage message) {
		return (message.extra().get("tool_calls") instanceof List<?> calls) ? calls : List.of();
	}

	private static @Nullable String argumentsOf(@Nullable Object call) {
		if (call instanceof Map<?, ?> map && map.get("function") instanceof Map<?, ?> function
				&& function.get("arguments") instanceof String arguments) {
			return arguments;
		}
		return null;
	}

	/**
	 * A message's other fields, its tool calls' arguments replaced as {@link #prompt}
	 * read them.
	 */
	private static Map<String, @Nullable Object> withToolCalls(ChatMessage message, List<String> texts, int[] next) {
		List<?> calls = toolCalls(message);
		if (calls.isEmpty()) {
			return message.extra();
		}
		List<Object> rebuilt = new ArrayList<>();
		for (Object call : calls) {
			if (argumentsOf(call) == null) {
				rebuilt.add(call);
				continue;
			}
			Map<String, Object> copy = new LinkedHashMap<>();
			((Map<?, ?>) call).forEach((key, value) -> copy.put(String.valueOf(key), value));
			Map<String, Object> function = new LinkedHashMap<>();
			((Map<?, ?>) copy.get("function")).forEach((key, value) -> function.put(String.valueOf(key), value));
			function.put("arguments", texts.get(next[0]++));
			copy.put("function", function);
			rebuilt.add(copy);
		}
		Map<String, @Nullable Object> extra = new LinkedHashMap<>(message.extra());
		extra.put("tool_calls", rebuilt);
		return extra;
	}

	private static @Nullable String textOf(@Nullable Object part) {
		if (part instanceof Map<?, ?> map && "text".equals(map.get("type")) && map.get("text") instanceof String text) {
			return text;
		}
		return null;
	}

}
