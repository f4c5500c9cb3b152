package dev.llmgw.gateway.responses;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.api.EventStreamResponse;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.engine.CallPipeline;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.ResponsesCall;
import dev.llmgw.gateway.providers.SseFrames;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.web.CallLog;
import dev.llmgw.gateway.logs.LogValues;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.ChatCompletionRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code /v1/responses}: creates a response through the chat pipeline (whole, or as typed
 * events), and reads, lists the input of and deletes stored ones. A stored response's
 * write starts before its answer (or the stream's closing event) reaches the caller, and
 * reads on this instance wait for it, so that a {@code previous_response_id} sent right
 * after finds it ({@link ResponseStore}).
 */
public final class ResponsesHandler {

	private static final Logger log = LoggerFactory.getLogger(ResponsesHandler.class);

	private static final TypeReference<Map<String, @Nullable Object>> MAP = new TypeReference<>() {
	};

	static final String ROUTE = "/v1/responses";

	private final JsonBodyReader bodies;

	private final CallPipeline calls;

	private final JsonMapper mapper;

	private final ResponseStore store;

	private final Clock clock;

	ResponsesHandler(JsonBodyReader bodies, CallPipeline calls, JsonMapper mapper, ResponseStore store, Clock clock) {
		this.bodies = bodies;
		this.calls = calls;
		this.mapper = mapper;
		this.store = store;
		this.clock = clock;
	}

	public Mono<ServerResponse> create(ServerRequest request) {
		ServerWebExchange exchange = request.exchange();
		CallerIdentity caller = CallerIdentity.orUnauthenticated(exchange);
		return this.bodies.read(exchange, ResponsesRequest.class).flatMap((body) -> {
			ResponsesToChat.checkDepth(body,
					this.mapper.tokenStreamFactory().streamWriteConstraints().getMaxNestingDepth());
			List<ResponseItem> input = ResponseItems.parse(body.input());
			return history(caller, body.previousResponseId()).flatMap((history) -> {
				// admission reads the chat form; what has none may still go to a
				// provider's
				// own Responses API, and is refused only where it would be translated
				BadRequestError untranslatable = untranslatable(body, history, input);
				ChatCompletionRequest chat = admissionForm(body, history, input, untranslatable);
				ResponseDraft draft = new ResponseDraft(ResponseIds.next("resp"), this.clock.millis() / 1000, body);
				return this.calls.admit(exchange, chat, ROUTE).flatMap((deployment) -> {
					boolean passThrough = this.calls.passesUnchanged(exchange);
					if (!passThrough && untranslatable != null) {
						return Mono.error(untranslatable);
					}
					Call call = new Call(exchange, body, chat, deployment, draft, history, input, untranslatable);
					if (passThrough) {
						return body.isStream() ? passThroughStream(call) : passThrough(call);
					}
					return body.isStream() ? stream(call) : complete(call);
				});
			});
		});
	}

	/**
	 * One create call, as the handler's steps share it.
	 *
	 * @param untranslatable the 400 a translation to chat gives, null when it has none
	 */
	private record Call(ServerWebExchange exchange, ResponsesRequest body, ChatCompletionRequest chat,
			Deployment deployment, ResponseDraft draft, List<ResponseItem> history, List<ResponseItem> input,
			@Nullable BadRequestError untranslatable) {

	}

	public Mono<ServerResponse> get(ServerRequest request) {
		String id = ResponseIds.check("response_id", request.pathVariable("id"));
		CallerIdentity caller = CallerIdentity.orUnauthenticated(request.exchange());
		return this.store.find(reader(caller, false), id)
			.switchIfEmpty(Mono.error(() -> notFound(id)))
			.flatMap((row) -> json(row.get("response")));
	}

	public Mono<ServerResponse> delete(ServerRequest request) {
		String id = ResponseIds.check("response_id", request.pathVariable("id"));
		CallerIdentity caller = CallerIdentity.orUnauthenticated(request.exchange());
		return this.store.delete(reader(caller, true), id).flatMap((deleted) -> {
			if (!deleted) {
				return Mono.error(notFound(id));
			}
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("id", id);
			answer.put("object", "response");
			answer.put("deleted", true);
			return json(answer);
		});
	}

	/**
	 * {@code GET /v1/responses/{id}/input_items}: the response's input items, newest
	 * first unless {@code order=asc}, {@code limit} (1 to 100, 20 by default) at a time
	 * after the item {@code after}.
	 */
	public Mono<ServerResponse> inputItems(ServerRequest request) {
		String id = ResponseIds.check("response_id", request.pathVariable("id"));
		InputItemsPage page = InputItemsPage.of(request.queryParam("limit").orElse(null),
				request.queryParam("order").orElse(null), request.queryParam("after").orElse(null));
		CallerIdentity caller = CallerIdentity.orUnauthenticated(request.exchange());
		return this.store.find(reader(caller, false), id)
			.switchIfEmpty(Mono.error(() -> notFound(id)))
			.flatMap((row) -> json(page.list(ResponseStore.inputItems(row))));
	}

	private Mono<ServerResponse> complete(Call call) {
		return this.calls.complete(call.exchange(), call.chat(), call.deployment()).flatMap((result) -> {
			ChatCompletion completion = this.mapper.readValue(result.body(), ChatCompletion.class);
			ResponseObject response = ChatToResponse.translate(completion, call.draft());
			Map<String, @Nullable Object> stored = this.mapper.convertValue(response, MAP);
			save(call, stored);
			return json(response);
		});
	}

	private Mono<ServerResponse> stream(Call call) {
		StreamTally tally = new StreamTally();
		Flux<byte[]> events = translated(this.calls.stream(call.exchange(), call.chat(), call.deployment(), tally),
				call, true);
		return events(call, events, tally);
	}

	/**
	 * A call that no stage reads: a deployment with a Responses API of its own is asked
	 * with the caller's request as written, others (fallbacks) through chat as usual.
	 */
	private Mono<ServerResponse> passThrough(Call call) {
		Map<String, @Nullable Object> nativeBody = nativeBody(call);
		return this.calls.complete(call.exchange(), call.chat(), call.deployment(), (provider, attempt) -> {
			if (provider.respondsNatively(attempt.deployment())) {
				return provider.respond(new ResponsesCall(attempt.deployment(), nativeBody, attempt.callId()));
			}
			if (call.untranslatable() != null) {
				return Mono.error(call.untranslatable());
			}
			return provider.complete(attempt).map((result) -> {
				ChatCompletion completion = this.mapper.readValue(result.body(), ChatCompletion.class);
				return new ChatResult(this.mapper.writeValueAsBytes(ChatToResponse.translate(completion, call.draft())),
						result.usage());
			});
		}).flatMap((result) -> {
			Map<String, @Nullable Object> response = completed(this.mapper.readValue(result.body(), MAP), call);
			save(call, response);
			return json(response);
		});
	}

	private Mono<ServerResponse> passThroughStream(Call call) {
		Map<String, @Nullable Object> nativeBody = nativeBody(call);
		StreamTally tally = new StreamTally();
		Flux<byte[]> frames = this.calls.stream(call.exchange(), call.chat(), call.deployment(), tally,
				(provider, attempt) -> {
					if (provider.respondsNatively(attempt.deployment())) {
						return provider.streamResponses(
								new ResponsesCall(attempt.deployment(), nativeBody, attempt.callId()), tally);
					}
					if (call.untranslatable() != null) {
						return Flux.error(call.untranslatable());
					}
					return translated(provider.stream(attempt, tally), call, false);
				});
		return events(call, frames.map((frame) -> ResponseEvents.isClosing(frame) ? closing(frame, call) : frame),
				tally);
	}

	/**
	 * Chat frames as Responses events, closing event included; the response is stored as
	 * the stream closes when {@code store} (the pass-through stores at its closing event,
	 * whoever wrote it).
	 */
	private Flux<byte[]> translated(Flux<byte[]> chatFrames, Call call, boolean store) {
		ChatToResponseStream translator = new ChatToResponseStream(this.mapper, call.draft(), model(call));
		return chatFrames.concatMapIterable(translator::onFrame).concatWith(Flux.defer(() -> {
			List<byte[]> closing = new ArrayList<>(translator.closing());
			ResponseObject response = translator.finished();
			if (store) {
				save(call, this.mapper.convertValue(response, MAP));
			}
			closing.add(translator.terminal(response));
			return Flux.fromIterable(closing);
		}));
	}

	/** A closing event passed through: its response stored, then sent on. */
	private byte[] closing(byte[] frame, Call call) {
		Map<String, @Nullable Object> event = this.mapper.readValue(SseFrames.eventPayload(frame), MAP);
		if (!(event.get("response") instanceof Map<?, ?> whole)) {
			return frame;
		}
		Map<String, @Nullable Object> response = completed(this.mapper.convertValue(whole, MAP), call);
		event.put("response", response);
		byte[] rewritten = SseFrames.event(String.valueOf(event.get("type")), this.mapper.writeValueAsBytes(event));
		save(call, response);
		return rewritten;
	}

	private Mono<ServerResponse> events(Call call, Flux<byte[]> events, StreamTally tally) {
		int[] sent = { 0 };
		return EventStreamResponse.of(call.exchange(), events.doOnNext((frame) -> sent[0]++), tally,
				(error) -> ResponseEvents.error(this.mapper, sent[0], error));
	}

	/**
	 * The caller's request for a provider's own Responses API: as written, less nulls,
	 * with the stored conversation in place of {@code previous_response_id}.
	 */
	private Map<String, @Nullable Object> nativeBody(Call call) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		this.mapper.convertValue(call.body(), MAP).forEach((name, value) -> {
			if (value != null && !name.equals("previous_response_id")) {
				body.put(name, value);
			}
		});
		if (!call.history().isEmpty()) {
			List<Map<String, @Nullable Object>> items = new ArrayList<>();
			call.history().forEach((item) -> items.add(item.toWire()));
			call.input().forEach((item) -> items.add(item.toWire()));
			body.put("input", items);
		}
		return body;
	}

	/**
	 * A provider's response as the caller gets and the store keeps it: the conversation
	 * it continues named, since the provider was sent the conversation itself.
	 */
	private static Map<String, @Nullable Object> completed(Map<String, @Nullable Object> response, Call call) {
		if (!(response.get("id") instanceof String)) {
			response.put("id", call.draft().id());
		}
		if (call.body().previousResponseId() != null) {
			response.put("previous_response_id", call.body().previousResponseId());
		}
		return response;
	}

	private static String model(Call call) {
		return (call.chat().model() != null) ? call.chat().model() : "";
	}

	/**
	 * The chat form admission reads, what has no chat form left out; when nothing is
	 * left, the reason the request cannot be translated.
	 */
	private static ChatCompletionRequest admissionForm(ResponsesRequest body, List<ResponseItem> history,
			List<ResponseItem> input, @Nullable BadRequestError untranslatable) {
		try {
			return ResponsesToChat.translate(body, history, input, false);
		}
		catch (BadRequestError refused) {
			throw (untranslatable != null) ? untranslatable : refused;
		}
	}

	/** The 400 a translation to chat gives, or null. */
	private static @Nullable BadRequestError untranslatable(ResponsesRequest body, List<ResponseItem> history,
			List<ResponseItem> input) {
		try {
			ResponsesToChat.translate(body, history, input, true);
			return null;
		}
		catch (BadRequestError refused) {
			return refused;
		}
	}

	/**
	 * Stores a response the caller asked to keep, without waiting for the commit. A
	 * database that fails loses the stored copy, not the answer, which was paid for: it
	 * is logged and the caller still gets it.
	 */
	private void save(Call call, Map<String, @Nullable Object> response) {
		if (!call.body().isStored()) {
			return;
		}
		String id = String.valueOf(response.get("id"));
		String model = (response.get("model") instanceof String named) ? named : model(call);
		this.store.save(CallerIdentity.orUnauthenticated(call.exchange()).owner(), id, model,
				call.body().previousResponseId(), response, call.input(),
				(error) -> CallLog.about(log.atWarn(), call.exchange())
					.log("response {} was answered but not stored: {}", LogValues.escape(id), LogValues.escape(error)));
	}

	/** The conversation a request continues, or a 400 when there is none to continue. */
	private Mono<List<ResponseItem>> history(CallerIdentity caller, @Nullable String previous) {
		if (previous == null) {
			return Mono.just(List.of());
		}
		return this.store.conversation(reader(caller, false), ResponseIds.check("previous_response_id", previous))
			.switchIfEmpty(
					Mono.error(() -> new BadRequestError("Previous response with id '" + previous + "' not found.",
							null, "previous_response_id")));
	}

	/**
	 * Whose responses a caller reaches: its own, or any for a proxy admin (and, to read,
	 * an admin viewer), as LiteLLM lets admins past its response-id checks.
	 */
	private static @Nullable String reader(CallerIdentity caller, boolean writes) {
		boolean all = writes ? caller.isAdmin() : caller.canReadAll();
		return all ? null : caller.owner();
	}

	private static NotFoundError notFound(String id) {
		return new NotFoundError("Response with id '" + id + "' not found.", null, null);
	}

	private Mono<ServerResponse> json(@Nullable Object body) {
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(this.mapper.writeValueAsBytes(body));
	}

}
