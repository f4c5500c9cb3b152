package dev.llmgw.gateway.responses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One item of a conversation in the Responses API's terms, input or output: a message, a
 * function call, its output, or the model's reasoning. Every item has an id, so that
 * {@code input_items} can list it; {@link #toWire()} is its JSON as OpenAI writes it.
 */
sealed interface ResponseItem {

	String id();

	Map<String, @Nullable Object> toWire();

	/**
	 * A message. Content parts stay in their wire form ({@code input_text},
	 * {@code input_image}, {@code input_file}, {@code output_text}, {@code refusal}),
	 * already checked by {@link ResponseItems}.
	 */
	record Message(String id, String role, List<Map<String, @Nullable Object>> content,
			String status) implements ResponseItem {

		@Override
		public Map<String, @Nullable Object> toWire() {
			Map<String, @Nullable Object> wire = new LinkedHashMap<>();
			wire.put("type", "message");
			wire.put("id", this.id);
			wire.put("status", this.status);
			wire.put("role", this.role);
			wire.put("content", this.content);
			return wire;
		}

	}

	/** The model calling one of the caller's functions. */
	record FunctionCall(String id, String callId, String name, String arguments,
			String status) implements ResponseItem {

		@Override
		public Map<String, @Nullable Object> toWire() {
			Map<String, @Nullable Object> wire = new LinkedHashMap<>();
			wire.put("type", "function_call");
			wire.put("id", this.id);
			wire.put("call_id", this.callId);
			wire.put("name", this.name);
			wire.put("arguments", this.arguments);
			wire.put("status", this.status);
			return wire;
		}

	}

	/**
	 * What the caller's function returned: a string, or a list of input content parts.
	 */
	record FunctionCallOutput(String id, String callId, Object output) implements ResponseItem {

		@Override
		public Map<String, @Nullable Object> toWire() {
			Map<String, @Nullable Object> wire = new LinkedHashMap<>();
			wire.put("type", "function_call_output");
			wire.put("id", this.id);
			wire.put("call_id", this.callId);
			wire.put("output", this.output);
			wire.put("status", "completed");
			return wire;
		}

	}

	/**
	 * The model's reasoning, as summary texts. A chat provider's reasoning text is its
	 * summary; a chat provider takes none back as input. A provider's own reasoning item
	 * (with its {@code encrypted_content}) is kept whole, to go back to that provider.
	 */
	record Reasoning(String id, List<String> summary,
			@Nullable Map<String, @Nullable Object> raw) implements ResponseItem {

		@Override
		public Map<String, @Nullable Object> toWire() {
			if (this.raw != null) {
				return this.raw;
			}
			Map<String, @Nullable Object> wire = new LinkedHashMap<>();
			wire.put("type", "reasoning");
			wire.put("id", this.id);
			wire.put("summary", this.summary.stream().map(ResponseItem::summaryText).toList());
			return wire;
		}

	}

	/**
	 * An item the gateway does not translate (a built-in tool's call or output, an
	 * {@code item_reference}, ...), kept as it came: a provider that speaks the Responses
	 * API takes it back; a chat provider cannot, so a request holding one is refused
	 * there, and a stored one from an earlier answer is left out.
	 */
	record Opaque(String id, String type, Map<String, @Nullable Object> raw) implements ResponseItem {

		@Override
		public Map<String, @Nullable Object> toWire() {
			return this.raw;
		}

	}

	static Map<String, @Nullable Object> summaryText(String text) {
		Map<String, @Nullable Object> part = new LinkedHashMap<>();
		part.put("type", "summary_text");
		part.put("text", text);
		return part;
	}

	static Map<String, @Nullable Object> outputText(String text) {
		Map<String, @Nullable Object> part = new LinkedHashMap<>();
		part.put("type", "output_text");
		part.put("text", text);
		part.put("annotations", List.of());
		part.put("logprobs", List.of());
		return part;
	}

}
