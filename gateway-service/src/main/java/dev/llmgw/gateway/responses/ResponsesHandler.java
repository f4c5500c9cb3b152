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
import dev.llmgw.gateway.providers.Deployment;
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
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code /v1/responses}: creates a response through the chat pipeline (whole, or as typed
 * events), and reads, lists the input of and deletes stored ones. A stored response is
 * written before its answer (or the stream's closing event) reaches the caller, so that a
 * {@code previous_response_id} sent right after finds it.
 */
public final class ResponsesHandler {

	private static final Logger log = LoggerFactory.getLogger(ResponsesHandler.class);

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
		CallerIdentity caller = caller(exchange);
		return this.bodies.read(exchange, ResponsesRequest.class).flatMap((body) -> {
			List<ResponseItem> input = ResponseItems.parse(body.input());
			return history(caller, body.previousResponseId()).flatMap((history) -> {
				ChatCompletionRequest chat = ResponsesToChat.translate(body, history, input);
				ResponseDraft draft = new ResponseDraft(ResponseIds.next("resp"), this.clock.millis() / 1000, body);
				return this.calls.admit(exchange, chat, ROUTE)
					.flatMap((deployment) -> body.isStream() ? stream(exchange, chat, deployment, draft, input)
							: complete(exchange, chat, deployment, draft, input));
			});
		});
	}

	public Mono<ServerResponse> get(ServerRequest request) {
		String id = ResponseIds.check("response_id", request.pathVariable("id"));
		CallerIdentity caller = caller(request.exchange());
		return this.store.find(reader(caller, false), id)
			.switchIfEmpty(Mono.error(() -> notFound(id)))
			.flatMap((row) -> json(row.get("response")));
	}

	public Mono<ServerResponse> delete(ServerRequest request) {
		String id = ResponseIds.check("response_id", request.pathVariable("id"));
		CallerIdentity caller = caller(request.exchange());
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
		CallerIdentity caller = caller(request.exchange());
		return this.store.find(reader(caller, false), id)
			.switchIfEmpty(Mono.error(() -> notFound(id)))
			.flatMap((row) -> json(page.list(ResponseStore.inputItems(row))));
	}

	private Mono<ServerResponse> complete(ServerWebExchange exchange, ChatCompletionRequest chat, Deployment deployment,
			ResponseDraft draft, List<ResponseItem> input) {
		return this.calls.complete(exchange, chat, deployment).flatMap((result) -> {
			ChatCompletion completion = this.mapper.readValue(result.body(), ChatCompletion.class);
			ResponseObject response = ChatToResponse.translate(completion, draft);
			return save(exchange, draft, response, input).then(Mono.defer(() -> json(response)));
		});
	}

	private Mono<ServerResponse> stream(ServerWebExchange exchange, ChatCompletionRequest chat, Deployment deployment,
			ResponseDraft draft, List<ResponseItem> input) {
		StreamTally tally = new StreamTally();
		ChatToResponseStream translator = new ChatToResponseStream(this.mapper, draft,
				(chat.model() != null) ? chat.model() : "");
		Flux<byte[]> events = this.calls.stream(exchange, chat, deployment, tally)
			.concatMapIterable(translator::onFrame)
			.concatWith(Flux.defer(() -> {
				List<byte[]> closing = new ArrayList<>(translator.closing());
				ResponseObject response = translator.finished();
				return Flux.fromIterable(closing)
					.concatWith(save(exchange, draft, response, input)
						.then(Mono.fromSupplier(() -> translator.terminal(response))));
			}));
		return EventStreamResponse.of(exchange, events, tally, translator::error);
	}

	/**
	 * Stores a response the caller asked to keep. A database that fails loses the stored
	 * copy, not the answer, which was paid for: it is logged and the caller still gets
	 * it.
	 */
	private Mono<Void> save(ServerWebExchange exchange, ResponseDraft draft, ResponseObject response,
			List<ResponseItem> input) {
		if (!draft.request().isStored()) {
			return Mono.empty();
		}
		return this.store.save(ResponseStore.owner(caller(exchange)), response, input).onErrorResume((error) -> {
			CallLog.about(log.atWarn(), exchange)
				.log("response {} was answered but not stored: {}", response.id(), LogValues.escape(error));
			return Mono.empty();
		});
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
		return all ? null : ResponseStore.owner(caller);
	}

	private static CallerIdentity caller(ServerWebExchange exchange) {
		CallerIdentity caller = CallerIdentity.of(exchange);
		return (caller != null) ? caller : CallerIdentity.unauthenticated();
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
