package dev.llmgw.gateway.responses;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmgw.model.openai.ChatChoice;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.ChatMessage;
import org.jspecify.annotations.Nullable;

/**
 * A chat completion to the response's output items: the reasoning text (a provider's
 * {@code reasoning_content}) as a reasoning item, the answer's text or refusal as one
 * assistant message, and each tool call as a {@code function_call} item, in that order,
 * as OpenAI's own responses order them.
 */
final class ChatToResponse {

	private ChatToResponse() {
	}

	static ResponseObject translate(ChatCompletion completion, ResponseDraft draft) {
		List<ResponseItem> output = new ArrayList<>(2);
		String finishReason = null;
		if (!completion.choices().isEmpty()) {
			ChatChoice choice = completion.choices().get(0);
			finishReason = choice.finishReason();
			output(choice.message(), output);
		}
		return draft.finished(completion.model(), output, completion.usage(), finishReason);
	}

	private static void output(ChatMessage message, List<ResponseItem> output) {
		if (message.extra().get("reasoning_content") instanceof String reasoning && !reasoning.isEmpty()) {
			output.add(new ResponseItem.Reasoning(ResponseIds.next("rs"), List.of(reasoning), null));
		}
		String text = (message.content() instanceof String s) ? s : null;
		Object refusal = message.extra().get("refusal");
		if (refusal instanceof String refused && !refused.isEmpty()) {
			output.add(new ResponseItem.Message(ResponseIds.next("msg"), "assistant", List.of(refusalPart(refused)),
					"completed"));
		}
		else if (text != null && !text.isEmpty()) {
			output.add(new ResponseItem.Message(ResponseIds.next("msg"), "assistant",
					List.of(ResponseItem.outputText(text)), "completed"));
		}
		if (message.extra().get("tool_calls") instanceof List<?> calls) {
			for (Object call : calls) {
				functionCall(call, output);
			}
		}
	}

	private static Map<String, @Nullable Object> refusalPart(String refusal) {
		Map<String, @Nullable Object> part = new java.util.LinkedHashMap<>();
		part.put("type", "refusal");
		part.put("refusal", refusal);
		return part;
	}

	private static void functionCall(@Nullable Object call, List<ResponseItem> output) {
		if (!(call instanceof Map<?, ?> map) || !(map.get("function") instanceof Map<?, ?> function)) {
			return;
		}
		String callId = (map.get("id") instanceof String id) ? id : ResponseIds.next("call");
		output.add(new ResponseItem.FunctionCall(ResponseIds.next("fc"), callId, String.valueOf(function.get("name")),
				(function.get("arguments") instanceof String arguments) ? arguments : "{}", "completed"));
	}

}
