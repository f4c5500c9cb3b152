package dev.llmgw.gateway.responses;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.providers.SseFrames;
import dev.llmgw.model.openai.ChatCompletionChunk;
import dev.llmgw.model.openai.ToolCall;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI chat chunk frames to the Responses API's typed stream events
 * (https://platform.openai.com/docs/api-reference/responses-streaming), one frame at a
 * time: {@code response.created} and {@code response.in_progress} first; a message item
 * opened at the first text, with its output_text part and text deltas; a
 * {@code function_call} item per tool call with its argument deltas; each item closed
 * ({@code ...done} events) when the next begins or the answer ends. The closing
 * {@code response.completed} (or {@code response.incomplete}) carries the whole response,
 * which {@link #finished()} gives the caller first so that it can be stored before the
 * client hears the stream is over. One per stream; events are numbered from 0.
 */
final class ChatToResponseStream {

	private final JsonMapper mapper;

	private final ResponseDraft draft;

	private String model;

	private int sequence;

	private boolean started;

	private boolean ended;

	private final List<ResponseItem> output = new ArrayList<>(2);

	/** The open message's id and text, while text is arriving. */
	private @Nullable String messageId;

	private final StringBuilder text = new StringBuilder();

	/** Chat's tool call index to the function call being built. */
	private final Map<Integer, OpenCall> calls = new HashMap<>(4);

	private @Nullable OpenCall openCall;

	private @Nullable String finishReason;

	private @Nullable Usage usage;

	ChatToResponseStream(JsonMapper mapper, ResponseDraft draft, String model) {
		this.mapper = mapper;
		this.draft = draft;
		this.model = model;
	}

	/**
	 * @param frame one OpenAI chunk frame, {@code data: {...}\n\n}
	 * @return the events it yields, each framed; none for {@code [DONE]}, after which
	 * {@link #closing()} is due
	 */
	List<byte[]> onFrame(byte[] frame) {
		List<byte[]> events = new ArrayList<>(3);
		String data = SseFrames.payload(frame);
		if ("[DONE]".equals(data)) {
			return events;
		}
		ChatCompletionChunk chunk = this.mapper.readValue(data, ChatCompletionChunk.class);
		if (chunk.model() != null && !chunk.model().isEmpty()) {
			this.model = chunk.model();
		}
		start(events);
		if (chunk.usage() != null) {
			this.usage = chunk.usage();
		}
		for (ChatCompletionChunk.Choice choice : chunk.choices()) {
			if (choice.index() != 0) {
				continue;
			}
			ChatCompletionChunk.Delta delta = choice.delta();
			if (delta != null && delta.content() != null && !delta.content().isEmpty()) {
				text(delta.content(), events);
			}
			if (delta != null && delta.toolCalls() != null) {
				for (ToolCall call : delta.toolCalls()) {
					toolCall(call, events);
				}
			}
			if (choice.finishReason() != null) {
				this.finishReason = choice.finishReason();
			}
		}
		return events;
	}

	/** The events that close what is open, once the chat stream has ended. */
	List<byte[]> closing() {
		List<byte[]> events = new ArrayList<>(4);
		start(events);
		closeMessage(events);
		closeCall(events);
		return events;
	}

	/** The whole response, once {@link #closing()} has run. */
	ResponseObject finished() {
		return this.draft.finished(this.model, this.output, this.usage, this.finishReason);
	}

	/** The last event: {@code response.completed}, or {@code response.incomplete}. */
	byte[] terminal(ResponseObject response) {
		this.ended = true;
		String type = response.status().equals("incomplete") ? "response.incomplete" : "response.completed";
		return event(type, "response", response);
	}

	boolean ended() {
		return this.ended;
	}

	private void start(List<byte[]> events) {
		if (this.started) {
			return;
		}
		this.started = true;
		ResponseObject created = this.draft.inProgress(this.model);
		events.add(event("response.created", "response", created));
		events.add(event("response.in_progress", "response", created));
	}

	private void text(String delta, List<byte[]> events) {
		if (this.messageId == null) {
			closeCall(events);
			this.messageId = ResponseIds.next("msg");
			Map<String, @Nullable Object> item = new LinkedHashMap<>();
			item.put("id", this.messageId);
			item.put("type", "message");
			item.put("status", "in_progress");
			item.put("content", List.of());
			item.put("role", "assistant");
			events.add(itemEvent("response.output_item.added", item));
			Map<String, @Nullable Object> part = ResponseItem.outputText("");
			events.add(partEvent("response.content_part.added", part));
		}
		this.text.append(delta);
		Map<String, @Nullable Object> event = textEvent("response.output_text.delta");
		event.put("delta", delta);
		event.put("logprobs", List.of());
		events.add(frame(event));
	}

	private void closeMessage(List<byte[]> events) {
		if (this.messageId == null) {
			return;
		}
		String full = this.text.toString();
		Map<String, @Nullable Object> done = textEvent("response.output_text.done");
		done.put("text", full);
		done.put("logprobs", List.of());
		events.add(frame(done));
		events.add(partEvent("response.content_part.done", ResponseItem.outputText(full)));
		ResponseItem.Message message = new ResponseItem.Message(this.messageId, "assistant",
				List.of(ResponseItem.outputText(full)), "completed");
		events.add(itemEvent("response.output_item.done", message.toWire()));
		this.output.add(message);
		this.messageId = null;
		this.text.setLength(0);
	}

	private void toolCall(ToolCall call, List<byte[]> events) {
		int index = (call.index() != null) ? call.index() : 0;
		OpenCall open = this.calls.get(index);
		if (open == null) {
			closeMessage(events);
			closeCall(events);
			String callId = (call.id() != null) ? call.id() : ResponseIds.next("call");
			String name = (call.function() != null && call.function().name() != null) ? call.function().name() : "";
			open = new OpenCall(ResponseIds.next("fc"), callId, name, this.output.size());
			this.calls.put(index, open);
			this.openCall = open;
			Map<String, @Nullable Object> item = new ResponseItem.FunctionCall(open.id, callId, name, "", "in_progress")
				.toWire();
			events.add(itemEvent("response.output_item.added", item));
		}
		String arguments = (call.function() != null) ? call.function().arguments() : null;
		if (arguments != null && !arguments.isEmpty()) {
			open.arguments.append(arguments);
			Map<String, @Nullable Object> event = header("response.function_call_arguments.delta");
			event.put("item_id", open.id);
			event.put("output_index", open.outputIndex);
			event.put("delta", arguments);
			events.add(frame(event));
		}
	}

	private void closeCall(List<byte[]> events) {
		OpenCall open = this.openCall;
		if (open == null) {
			return;
		}
		this.openCall = null;
		String arguments = open.arguments.toString();
		Map<String, @Nullable Object> done = header("response.function_call_arguments.done");
		done.put("item_id", open.id);
		done.put("output_index", open.outputIndex);
		done.put("name", open.name);
		done.put("arguments", arguments);
		events.add(frame(done));
		ResponseItem.FunctionCall item = new ResponseItem.FunctionCall(open.id, open.callId, open.name, arguments,
				"completed");
		events.add(itemEvent("response.output_item.done", item.toWire()));
		this.output.add(item);
	}

	private byte[] itemEvent(String type, Map<String, @Nullable Object> item) {
		Map<String, @Nullable Object> event = header(type);
		event.put("output_index", this.output.size());
		event.put("item", item);
		return frame(event);
	}

	private byte[] partEvent(String type, Map<String, @Nullable Object> part) {
		Map<String, @Nullable Object> event = header(type);
		event.put("item_id", this.messageId);
		event.put("output_index", this.output.size());
		event.put("content_index", 0);
		event.put("part", part);
		return frame(event);
	}

	private Map<String, @Nullable Object> textEvent(String type) {
		Map<String, @Nullable Object> event = header(type);
		event.put("item_id", this.messageId);
		event.put("output_index", this.output.size());
		event.put("content_index", 0);
		return event;
	}

	private byte[] event(String type, String field, Object value) {
		Map<String, @Nullable Object> event = header(type);
		event.put(field, value);
		return frame(event);
	}

	private Map<String, @Nullable Object> header(String type) {
		Map<String, @Nullable Object> event = new LinkedHashMap<>();
		event.put("type", type);
		event.put("sequence_number", this.sequence++);
		return event;
	}

	private byte[] frame(Map<String, @Nullable Object> event) {
		return SseFrames.event((String) event.get("type"), this.mapper.writeValueAsBytes(event));
	}

	/** A function call whose arguments are arriving. */
	private static final class OpenCall {

		private final String id;

		private final String callId;

		private final String name;

		private final int outputIndex;

		private final StringBuilder arguments = new StringBuilder();

		OpenCall(String id, String callId, String name, int outputIndex) {
			this.id = id;
			this.callId = callId;
			this.name = name;
			this.outputIndex = outputIndex;
		}

	}

}
