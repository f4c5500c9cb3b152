package dev.llmgw.gateway.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ChatMessage;
import dev.llmgw.model.openai.ChatTool;
import dev.llmgw.model.openai.FunctionDefinition;
import dev.llmgw.model.openai.ResponseFormat;
import org.jspecify.annotations.Nullable;

/**
 * The most tokens a prompt can come to, whatever the model's tokenizer: what a budget
 * reserves for it. Every tokenizer in use (byte-level BPE as OpenAI's and Anthropic's,
 * SentencePiece with byte fallback as Gemini's) makes at most one token of each UTF-8
 * byte, so the bytes of the text bound its tokens; a count of characters divided by four
 * did not, and a prompt of one-letter words was billed twice what it reserved. An image
 * costs the provider's largest image allowance, not the bytes of its base64 data.
 */
public final class PromptBound {

	/** Tokens an image can cost at most (OpenAI high detail and Anthropic stay below). */
	public static final long IMAGE_TOKENS = 2_000;

	/** The chat template's tokens around each message (role, separators). */
	public static final long MESSAGE_TOKENS = 8;

	private static final Set<String> IMAGE_PARTS = Set.of("image_url", "image", "input_image");

	private PromptBound() {
	}

	/** What a chat request's call may cost at most. */
	public static Estimate estimate(ChatCompletionRequest request) {
		Integer cap = (request.maxCompletionTokens() != null) ? request.maxCompletionTokens() : request.maxTokens();
		return Estimate.tokens(PromptBound.of(request), (cap != null && cap > 0) ? cap : 0);
	}

	/** A chat request's prompt: its messages and every other field sent with them. */
	public static long of(ChatCompletionRequest request) {
		long tokens = tokens(request.extra()) + tools(request);
		List<ChatMessage> messages = request.messages();
		if (messages != null) {
			for (ChatMessage message : messages) {
				if (message != null) {
					tokens += MESSAGE_TOKENS + tokens(message.content()) + tokens(message.name())
							+ tokens(message.extra());
				}
			}
		}
		return tokens;
	}

	/** The tools, tool choice and response format, which are sent with the prompt. */
	private static long tools(ChatCompletionRequest request) {
		long tokens = 0;
		if (request.tools() != null) {
			for (ChatTool tool : request.tools()) {
				tokens += tokens(tool.type()) + tokens(tool.extra());
				FunctionDefinition function = tool.function();
				if (function != null) {
					tokens += tokens(function.name()) + tokens(function.description()) + tokens(function.parameters())
							+ tokens(function.extra());
				}
			}
		}
		if (request.toolChoice() != null) {
			tokens += tokens(request.toolChoice().json());
		}
		ResponseFormat format = request.responseFormat();
		if (format != null) {
			tokens += tokens(format.type()) + tokens(format.extra());
			ResponseFormat.JsonSchemaFormat schema = format.jsonSchema();
			if (schema != null) {
				tokens += tokens(schema.name()) + tokens(schema.description()) + tokens(schema.schema())
						+ tokens(schema.extra());
			}
		}
		return tokens;
	}

	/**
	 * Any JSON value as parsed (maps, lists, strings, numbers): the UTF-8 bytes of its
	 * text, one token per number (a token id), a fixed allowance per image part.
	 */
	public static long tokens(@Nullable Object value) {
		if (value == null || value instanceof Boolean) {
			return 0;
		}
		if (value instanceof CharSequence text) {
			return utf8Length(text);
		}
		if (value instanceof Number) {
			return 1;
		}
		if (value instanceof Map<?, ?> map) {
			if (map.get("type") instanceof String type && IMAGE_PARTS.contains(type)) {
				return IMAGE_TOKENS;
			}
			long tokens = 0;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				tokens += tokens(entry.getKey()) + tokens(entry.getValue());
			}
			return tokens;
		}
		if (value instanceof List<?> list) {
			long tokens = 0;
			for (Object item : list) {
				tokens += tokens(item);
			}
			return tokens;
		}
		return utf8Length(value.toString());
	}

	private static long utf8Length(CharSequence text) {
		long bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			// a surrogate pair is four bytes, two for each half
			bytes += (c < 0x80) ? 1 : (c < 0x800 || Character.isSurrogate(c)) ? 2 : 3;
		}
		return bytes;
	}

}
