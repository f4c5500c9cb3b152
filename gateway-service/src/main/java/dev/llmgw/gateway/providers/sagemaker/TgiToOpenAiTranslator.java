package dev.llmgw.gateway.providers.sagemaker;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.model.openai.ChatChoice;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.ChatMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A TGI container's answer, {@code [{"generated_text"}]} (or one object, or
 * {@code generation}), to an OpenAI chat completion with one choice and locally counted
 * usage. When the container echoed the prompt ahead of the answer (a prompt in the
 * {@code <s>} template with {@code return_full_text}), the echo is cut off, as LiteLLM
 * does.
 */
final class TgiToOpenAiTranslator {

	private static final int MAX_QUOTED = 300;

	private final JsonMapper mapper;

	TgiToOpenAiTranslator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	ChatCompletion translate(byte[] body, String prompt, String id, String model) {
		TgiGeneration generation = generation(body);
		String text = generation.text();
		if (text == null) {
			throw unreadable(body);
		}
		if (prompt.contains("<s>") && text.startsWith(prompt)) {
			text = text.substring(prompt.length());
		}
		TgiDetails details = generation.details();
		String finish = (details != null) ? details.openAiFinishReason() : "stop";
		ChatMessage message = new ChatMessage("assistant", text, null, new LinkedHashMap<>());
		return ChatCompletion.of(id, System.currentTimeMillis() / 1000, model, new ChatChoice(0, message, finish),
				LocalUsage.of(prompt.length(), text.length(), details));
	}

	private TgiGeneration generation(byte[] body) {
		try {
			JsonNode root = this.mapper.readTree(body);
			JsonNode first = root.isArray() ? root.path(0) : root;
			if (!first.isObject()) {
				throw unreadable(body);
			}
			return this.mapper.treeToValue(first, TgiGeneration.class);
		}
		catch (JacksonException ex) {
			throw unreadable(body);
		}
	}

	private static UpstreamError unreadable(byte[] body) {
		String quoted = new String(body, 0, Math.min(body.length, MAX_QUOTED), StandardCharsets.UTF_8);
		return new UpstreamError(502, "api_error",
				"litellm.APIError: SagemakerException - the endpoint answered without generated_text: " + quoted, null);
	}

}
