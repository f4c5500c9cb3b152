package dev.llmgw.fake.openai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.llmgw.fake.directive.DirectiveParser;
import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.ErrorRenderer;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import dev.llmgw.fake.http.Replies;
import dev.llmgw.fake.http.StreamTransport;
import dev.llmgw.fake.reply.ReplyText;
import dev.llmgw.fake.reply.Words;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's Responses API, {@code POST /v1/responses} (and Azure's
 * {@code /openai/responses}): a response object, or its typed events with {@code event:}
 * lines and sequence numbers, for the same replies as chat (the last user text echoed,
 * directives honoured, a {@code function_call} when tools are offered and
 * {@code tool_call} is set). Ids start {@code resp_fake_}, so tests can tell a native
 * answer from a translated one.
 */
public final class OpenAiResponsesRoute implements ProviderRoute {

	/** One count for OpenAI's route and Azure's, so that ids never repeat. */
	private static final AtomicLong SEQUENCE = new AtomicLong();

	private final FailureCounter failures;

	private final ErrorRenderer errors;

	private final String pathSuffix;

	public OpenAiResponsesRoute(FailureCounter failures) {
		this(failures, "/responses", OpenAiErrors::send);
	}

	/**
	 * @param pathSuffix what the path ends with ({@code /openai/responses} for Azure)
	 * @param errors how simulated failures look, so that Azure can reuse this route
	 */
	public OpenAiResponsesRoute(FailureCounter failures, String pathSuffix, ErrorRenderer errors) {
		this.failures = failures;
		this.pathSuffix = pathSuffix;
		this.errors = errors;
	}

	@Override
	public boolean matches(HttpMethod method, String path) {
		return HttpMethod.POST.equals(method) && path.endsWith(this.pathSuffix);
	}

	@Override
	public Mono<Void> handle(ProviderCall call) {
		OpenAiRequest request = OpenAiRequest.read(call, this.failures, "");
		if (request == null) {
			return OpenAiErrors.invalidJson(call.response());
		}
		JsonNode body = request.body();
		if (request.model().isEmpty()) {
			return OpenAiErrors.invalidRequest(call.response(), "Missing required parameter: 'model'.", "model");
		}
		if (body.has("previous_response_id")) {
			return OpenAiErrors.invalidRequest(call.response(),
					"Previous response with id '" + body.path("previous_response_id").asString() + "' not found.",
					"previous_response_id");
		}
		String model = request.model();
		Directives directives = request.directives();
		FakeError error = request.error();
		int promptWords = 0;
		String lastUserText = null;
		JsonNode input = body.path("input");
		if (input.isString()) {
			lastUserText = input.asString();
			promptWords = Words.count(lastUserText);
		}
		for (JsonNode item : input.isArray() ? input : List.<JsonNode>of()) {
			String text = text(item.has("content") ? item.path("content") : item.path("output"));
			promptWords += Words.count(text);
			if ("user".equals(item.path("role").asString(""))) {
				lastUserText = text;
			}
		}
		if (error != null) {
			int promptTokens = Math.max(1, promptWords);
			return Replies.after(directives.latencyMs(),
					() -> this.errors.send(call.response(), error, directives.retryAfterSeconds(), promptTokens));
		}
		boolean tools = body.path("tools").isArray() && !body.path("tools").isEmpty();
		String toolCall = tools ? directives.toolCall() : null;
		String text = (toolCall != null) ? "" : ReplyText.choose(directives, lastUserText, call::bodyText);
		long number = SEQUENCE.incrementAndGet();
		Reply reply = new Reply("resp_fake_" + number, DirectiveParser.baseModel(model), text, toolCall,
				"call_fake_" + number, Math.max(1, promptWords), Math.max(1, Words.count(text)), body);
		if (body.path("stream").asBoolean(false)) {
			return stream(call.response(), reply, directives);
		}
		return Replies.after(directives.latencyMs(), () -> Replies.json(call.response(), HttpResponseStatus.OK,
				Json.write((json) -> json.writePOJO(reply.response("completed", true)))));
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return OpenAiErrors.invalidApiKey(response);
	}

	private Mono<Void> stream(HttpServerResponse response, Reply reply, Directives directives) {
		List<byte[]> frames = new ArrayList<>();
		int[] sequence = { 0 };
		frames.add(event(sequence, "response.created", Map.of("response", reply.response("in_progress", false))));
		frames.add(event(sequence, "response.in_progress", Map.of("response", reply.response("in_progress", false))));
		if (reply.toolCall() != null) {
			Map<String, Object> item = reply.functionCall("", "in_progress");
			frames.add(event(sequence, "response.output_item.added", Map.of("output_index", 0, "item", item)));
			frames.add(event(sequence, "response.function_call_arguments.delta",
					Map.of("item_id", "fc_fake", "output_index", 0, "delta", "{}")));
			frames.add(event(sequence, "response.function_call_arguments.done",
					Map.of("item_id", "fc_fake", "output_index", 0, "name", reply.toolCall(), "arguments", "{}")));
			frames.add(event(sequence, "response.output_item.done",
					Map.of("output_index", 0, "item", reply.functionCall("{}", "completed"))));
		}
		else {
			frames.add(event(sequence, "response.output_item.added",
					Map.of("output_index", 0, "item", reply.message("", "in_progress"))));
			List<String> pieces = Words.split(reply.text(), directives.chunks());
			boolean drop = directives.errorAfterChunks() >= 0;
			int sent = drop ? Math.min(directives.errorAfterChunks(), pieces.size()) : pieces.size();
			for (String piece : pieces.subList(0, sent)) {
				frames.add(event(sequence, "response.output_text.delta", Map.of("item_id", "msg_fake", "output_index",
						0, "content_index", 0, "delta", piece, "logprobs", List.of())));
			}
			if (drop) {
				return StreamTransport.SERVER_SENT_EVENTS.send(response, frames, directives, false);
			}
			frames.add(event(sequence, "response.output_text.done", Map.of("item_id", "msg_fake", "output_index", 0,
					"content_index", 0, "text", reply.text(), "logprobs", List.of())));
			frames.add(event(sequence, "response.output_item.done",
					Map.of("output_index", 0, "item", reply.message(reply.text(), "completed"))));
		}
		frames.add(event(sequence, "response.completed", Map.of("response", reply.response("completed", true))));
		return StreamTransport.SERVER_SENT_EVENTS.send(response, frames, directives, true);
	}

	private static byte[] event(int[] sequence, String type, Map<String, Object> fields) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("type", type);
		event.put("sequence_number", sequence[0]++);
		event.putAll(fields);
		return Json.sseEvent(type, (json) -> json.writePOJO(event));
	}

	/** A string, or the text parts of a content list. */
	private static String text(JsonNode content) {
		if (content.isString()) {
			return content.asString();
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode part : content) {
			if (part.path("text").isString()) {
				text.append(part.path("text").asString());
			}
		}
		return text.toString();
	}

	private record Reply(String id, String model, String text, @Nullable String toolCall, String callId,
			int inputTokens, int outputTokens, JsonNode request) {

		Map<String, Object> response(String status, boolean finished) {
			Map<String, Object> response = new LinkedHashMap<>();
			response.put("id", this.id);
			response.put("object", "response");
			response.put("created_at", System.currentTimeMillis() / 1000);
			response.put("status", status);
			response.put("error", null);
			response.put("incomplete_details", null);
			response.put("instructions",
					this.request.path("instructions").isString() ? this.request.path("instructions").asString() : null);
			response.put("model", this.model);
			List<Object> output = new ArrayList<>();
			if (finished) {
				output.add((this.toolCall != null) ? functionCall("{}", "completed") : message(this.text, "completed"));
			}
			response.put("output", output);
			response.put("parallel_tool_calls", true);
			response.put("previous_response_id", null);
			response.put("store", this.request.path("store").asBoolean(true));
			response.put("temperature", 1.0);
			response.put("tool_choice", "auto");
			response.put("tools", this.request.path("tools").isArray() ? this.request.path("tools") : List.of());
			response.put("top_p", 1.0);
			response.put("usage", finished ? usage() : null);
			response.put("metadata", Map.of());
			return response;
		}

		Map<String, Object> message(String content, String status) {
			Map<String, Object> part = new LinkedHashMap<>();
			part.put("type", "output_text");
			part.put("text", content);
			part.put("annotations", List.of());
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("type", "message");
			item.put("id", "msg_fake");
			item.put("status", status);
			item.put("role", "assistant");
			item.put("content", status.equals("completed") ? List.of(part) : List.of());
			return item;
		}

		Map<String, Object> functionCall(String arguments, String status) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("type", "function_call");
			item.put("id", "fc_fake");
			item.put("call_id", this.callId);
			item.put("name", this.toolCall);
			item.put("arguments", arguments);
			item.put("status", status);
			return item;
		}

		Map<String, Object> usage() {
			Map<String, Object> usage = new LinkedHashMap<>();
			usage.put("input_tokens", this.inputTokens);
			usage.put("input_tokens_details", Map.of("cached_tokens", 0, "cache_write_tokens", 0));
			usage.put("output_tokens", this.outputTokens);
			usage.put("output_tokens_details", Map.of("reasoning_tokens", 0));
			usage.put("total_tokens", this.inputTokens + this.outputTokens);
			return usage;
		}

	}

}
