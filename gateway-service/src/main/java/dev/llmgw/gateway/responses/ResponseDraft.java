package dev.llmgw.gateway.responses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a response fixed before the model answers: its id, when it was made, and
 * the request's settings, which a response object echoes. Builds the response in its
 * stages ({@code in_progress}, then {@code completed} or {@code incomplete}).
 */
final class ResponseDraft {

	private final String id;

	private final long createdAt;

	private final ResponsesRequest request;

	ResponseDraft(String id, long createdAt, ResponsesRequest request) {
		this.id = id;
		this.createdAt = createdAt;
		this.request = request;
	}

	String id() {
		return this.id;
	}

	ResponsesRequest request() {
		return this.request;
	}

	ResponseObject inProgress(String model) {
		return build("in_progress", null, model, List.of(), null);
	}

	/**
	 * The finished response.
	 * @param finishReason the chat answer's finish reason: {@code length} and
	 * {@code content_filter} make it {@code incomplete}, as OpenAI reports a cut answer
	 */
	ResponseObject finished(String model, List<ResponseItem> output, @Nullable Usage usage,
			@Nullable String finishReason) {
		String reason = switch ((finishReason != null) ? finishReason : "stop") {
			case "length" -> "max_output_tokens";
			case "content_filter" -> "content_filter";
			default -> null;
		};
		Map<String, @Nullable Object> incomplete = (reason != null) ? Map.of("reason", reason) : null;
		return build((reason != null) ? "incomplete" : "completed", incomplete, model,
				output.stream().map(ResponseItem::toWire).toList(), ResponseUsage.of(usage));
	}

	private ResponseObject build(String status, @Nullable Map<String, @Nullable Object> incomplete, String model,
			List<Map<String, @Nullable Object>> output, @Nullable ResponseUsage usage) {
		ResponsesRequest asked = this.request;
		Map<String, @Nullable Object> reasoning = new LinkedHashMap<>();
		reasoning.put("effort", (asked.reasoning() != null) ? asked.reasoning().get("effort") : null);
		reasoning.put("summary", (asked.reasoning() != null) ? asked.reasoning().get("summary") : null);
		Map<String, Object> text = (asked.text() != null && asked.text().get("format") != null)
				? Map.of("format", asked.text().get("format")) : Map.of("format", Map.of("type", "text"));
		return new ResponseObject(this.id, ResponseObject.OBJECT, this.createdAt, status, false, null, incomplete,
				asked.instructions(), asked.maxOutputTokens(), model, output,
				!Boolean.FALSE.equals(asked.parallelToolCalls()), asked.previousResponseId(), reasoning,
				asked.isStored(), (asked.temperature() != null) ? asked.temperature() : 1.0, text,
				(asked.toolChoice() != null) ? asked.toolChoice() : "auto",
				(asked.tools() != null) ? asked.tools() : List.of(), (asked.topP() != null) ? asked.topP() : 1.0,
				"disabled", usage, asked.user(), (asked.metadata() != null) ? asked.metadata() : Map.of());
	}

}
