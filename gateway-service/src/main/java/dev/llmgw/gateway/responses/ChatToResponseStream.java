package dev.llmgw.gateway.responses;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.providers.SseFrames;
import dev.llmgw.model.openai.ToolCall;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI chat chunk frames to the Responses API's typed stream events
 * (https://platform.openai.com/docs/api-reference/responses-streaming), one frame at a
 * time: {@code response.created} and {@code response.in_progress} first; a reasoning item
 * with its summary text deltas while the provider reasons ({@code reasoning_content}); a
 * message item with an output_text part and its deltas, or a refusal part and its deltas;
 * a {@code function_call} item per tool call with its argument deltas. Each item is
 * closed ({@code ...done} events) when the next begins or the answer ends. The closing
 * {@code response.completed} (or {@code response.incomplete}) carries the whole response,
 * which {@link #finished()} gives the caller first so that its write starts before the
 * client hears the stream is over. One per stream; events are numbered from 0.
 */
final class ChatToResponseStream {

	/** What the open output item is. */
	private enum Open {

		NONE, REASONING, TEXT, REFUSAL, CALL

	}

	private final JsonMapper mapper;

	private final ResponseDraft draft;

	private String model;

	private int sequence;

	private boolean started;

	private boolean ended;

	private final List<ResponseItem> output = new ArrayList<>(2);

	private Open open = Open.NONE;

	/** The open reasoning or message item's id, and its text so far. */
	private @Nullable String itemId;

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
		JsonNode chunk = this.mapper.readTree(data);
		String chunkModel = chunk.path("model").asString("");
		if (!chunkModel.isEmpty()) {
			this.model = chunkModel;
		}
		start(events);
		if (chunk.path("usage").isObject()) {
			this.usage = this.mapper.treeToValue(chunk.get("usage"), Usage.class);
		}
		for (JsonNode choice : chunk.path("choices")) {
			if (choice.path("index").asInt(0) != 0) {
				continue;
			}
			JsonNode delta = choice.path("delta");
			String reasoning = delta.path("reasoning_content").asString("");
			if (!reasoning.isEmpty()) {
				append(Open.REASONING, reasoning, events);
			}
			String content = delta.path("content").asString("");
			if (!content.isEmpty()) {
				append(Open.TEXT, content, events);
			}
			String refusal = delta.path("refusal").asString("");
			if (!refusal.isEmpty()) {
				append(Open.REFUSAL, refusal, events);
			}
			for (JsonNode call : delta.path("tool_calls")) {
				toolCall(this.mapper.treeToValue(call, ToolCall.class), events);
			}
			if (choice.path("finish_reason").isString()) {
				this.finishReason = choice.get("finish_reason").asString();
			}
		}
		return events;
	}

	/** The events that close what is open, once the chat stream has ended. */
	List<byte[]> closing() {
		List<byte[]> events = new ArrayList<>(4);
		start(events);
		close(events);
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

	/** Text of one kind: the item that holds it opened first if another is open. */
	private void append(Open kind, String delta, List<byte[]> events) {
		if (this.open != kind) {
			close(events);
			this.open = kind;
			this.itemId = ResponseIds.next((kind == Open.REASONING) ? "rs" : "msg");
			if (kind == Open.REASONING) {
				Map<String, @Nullable Object> item = new LinkedHashMap<>();
				item.put("id", this.itemId);
				item.put("type", "reasoning");
				item.put("summary", List.of());
				events.add(itemEvent("response.output_item.added", item));
				Map<String, @Nullable Object> added = indexed("response.reasoning_summary_part.added", "summary_index");
				added.put("part", ResponseItem.summaryText(""));
				events.add(frame(added));
			}
			else {
				Map<String, @Nullable Object> item = new LinkedHashMap<>();
				item.put("id", this.itemId);
				item.put("type", "message");
				item.put("status", "in_progress");
				item.put("content", List.of());
				item.put("role", "assistant");
				events.add(itemEvent("response.output_item.added", item));
				Map<String, @Nullable Object> added = indexed("response.content_part.added", "content_index");
				added.put("part", part(kind, ""));
				events.add(frame(added));
			}
		}
		this.text.append(delta);
		Map<String, @Nullable Object> event = switch (kind) {
			case REASONING -> indexed("response.reasoning_summary_text.delta", "summary_index");
			case REFUSAL -> indexed("response.refusal.delta", "content_index");
			default -> indexed("response.output_text.delta", "content_index");
		};
		event.put("delta", delta);
		if (kind == Open.TEXT) {
			event.put("logprobs", List.of());
		}
		events.add(frame(event));
	}

	private void close(List<byte[]> events) {
		if (this.open == Open.CALL) {
			closeCall(events);
		}
		else if (this.open != Open.NONE) {
			closeText(events);
		}
		this.open = Open.NONE;
	}

	private void closeText(List<byte[]> events) {
		String full = this.text.toString();
		String id = (this.itemId != null) ? this.itemId : ResponseIds.next("msg");
		ResponseItem item;
		if (this.open == Open.REASONING) {
			Map<String, @Nullable Object> done = indexed("response.reasoning_summary_text.done", "summary_index");
			done.put("text", full);
			events.add(frame(done));
			Map<String, @Nullable Object> partDone = indexed("response.reasoning_summary_part.done", "summary_index");
			partDone.put("part", ResponseItem.summaryText(full));
			events.add(frame(partDone));
			item = new ResponseItem.Reasoning(id, List.of(full), null);
		}
		else {
			Map<String, @Nullable Object> done = indexed(
					(this.open == Open.REFUSAL) ? "response.refusal.done" : "response.output_text.done",
					"content_index");
			if (this.open == Open.REFUSAL) {
				done.put("refusal", full);
			}
			else {
				done.put("text", full);
				done.put("logprobs", List.of());
			}
			events.add(frame(done));
			Map<String, @Nullable Object> partDone = indexed("response.content_part.done", "content_index");
			partDone.put("part", part(this.open, full));
			events.add(frame(partDone));
			item = new ResponseItem.Message(id, "assistant", List.of(part(this.open, full)), "completed");
		}
		events.add(itemEvent("response.output_item.done", item.toWire()));
		this.output.add(item);
		this.itemId = null;
		this.text.setLength(0);
	}

	private static Map<String, @Nullable Object> part(Open kind, String text) {
		if (kind == Open.REFUSAL) {
			Map<String, @Nullable Object> part = new LinkedHashMap<>();
			part.put("type", "refusal");
			part.put("refusal", text);
			return part;
		}
		return ResponseItem.outputText(text);
	}

	private void toolCall(ToolCall call, List<byte[]> events) {
		int index = (call.index() != null) ? call.index() : 0;
		OpenCall open = this.calls.get(index);
		if (open == null) {
			close(events);
			this.open = Open.CALL;
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

	/** An event about the open item's first part (content or summary). */
	private Map<String, @Nullable Object> indexed(String type, String indexName) {
		Map<String, @Nullable Object> event = header(type);
		event.put("item_id", this.itemId);
		event.put("output_index", this.output.size());
		event.put(indexName, 0);
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
