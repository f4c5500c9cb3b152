package dev.llmgw.middleware.bedrock;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import dev.llmgw.middleware.error.BedrockError;
import dev.llmgw.middleware.error.MalformedJson;
import dev.llmgw.middleware.history.CallerKey;
import dev.llmgw.middleware.history.ChatHistory;
import dev.llmgw.middleware.history.HistoryOptions;
import dev.llmgw.middleware.history.ReplyAccumulator;
import dev.llmgw.middleware.history.Turn;
import dev.llmgw.middleware.prompts.ManagedPrompts;
import dev.llmgw.middleware.upstream.GatewayClient;
import io.netty.handler.codec.http.HttpMethod;
import dev.llmgw.model.bedrock.ConverseMessage;
import dev.llmgw.model.bedrock.ConverseRequest;
import dev.llmgw.model.bedrock.ConverseResponse;
import dev.llmgw.model.bedrock.ConverseStreamEvent;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code POST /bedrock/model/{modelId}/converse} and {@code /converse-stream}: the
 * Converse request becomes an OpenAI chat request to the gateway with the caller's own
 * key, and the answer comes back as Bedrock answers, the stream as AWS event-stream
 * frames written as the gateway's chunks arrive.
 */
public final class ConverseHandler {

	static final MediaType EVENT_STREAM = MediaType.parseMediaType("application/vnd.amazon.eventstream");

	private static final String CHAT_PATH = "/v1/chat/completions";

	private final GatewayClient gateway;

	private final JsonMapper mapper;

	private final ConverseToOpenAiTranslator requests;

	private final OpenAiToConverseTranslator responses;

	private final ManagedPrompts prompts;

	private final ChatHistory history;

	private final ConverseEvents events;

	/**
	 * @param events told of each call and each stream's frames (the metrics), or
	 * {@link ConverseEvents#NONE}
	 */
	public ConverseHandler(GatewayClient gateway, JsonMapper mapper, ManagedPrompts prompts, ChatHistory history,
			ConverseEvents events) {
		this.events = events;
		this.prompts = prompts;
		this.history = history;
		this.gateway = gateway;
		this.mapper = mapper;
		this.requests = new ConverseToOpenAiTranslator(mapper);
		this.responses = new OpenAiToConverseTranslator(mapper);
		warmUp(mapper);
	}

	/**
	 * Builds Jackson's readers and writers of the Converse records now: built on first
	 * use under a lock, they would make concurrent first calls wait on event loops.
	 */
	private static void warmUp(JsonMapper mapper) {
		ConverseRequest request = mapper.readValue("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"t\"},"
				+ "{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"AA\"}}},{\"toolUse\":{\"toolUseId\":\"i\","
				+ "\"name\":\"n\",\"input\":{}}},{\"toolResult\":{\"toolUseId\":\"i\",\"content\":[{\"text\":\"t\"}]}}]}],"
				+ "\"system\":[{\"text\":\"s\"}],\"inferenceConfig\":{\"maxTokens\":1},\"toolConfig\":{\"tools\":"
				+ "[{\"toolSpec\":{\"name\":\"n\",\"inputSchema\":{\"json\":{}}}}],\"toolChoice\":{\"auto\":{}}}}",
				ConverseRequest.class);
		mapper.writeValueAsBytes(new ConverseResponse(
				new ConverseResponse.Output(new ConverseMessage("assistant", request.messages().get(0).content())),
				"end_turn", new ConverseResponse.Usage(1, 1, 2), new ConverseResponse.Metrics(1), null));
		mapper.writeValueAsBytes(new ConverseStreamEvent.MessageStart("assistant"));
		mapper.writeValueAsBytes(new ConverseStreamEvent.ContentBlockStart(0,
				new ConverseStreamEvent.Start(new ConverseStreamEvent.ToolUseStart("i", "n"))));
		mapper.writeValueAsBytes(new ConverseStreamEvent.ContentBlockDelta(0, ConverseStreamEvent.Delta.text("t")));
		mapper.writeValueAsBytes(new ConverseStreamEvent.ContentBlockDelta(0, ConverseStreamEvent.Delta.toolUse("{}")));
		mapper.writeValueAsBytes(new ConverseStreamEvent.ContentBlockStop(0));
		mapper.writeValueAsBytes(new ConverseStreamEvent.MessageStop("end_turn"));
		mapper.writeValueAsBytes(
				new ConverseStreamEvent.Metadata(new ConverseResponse.Usage(1, 1, 2), new ConverseResponse.Metrics(1)));
	}

	public Mono<ServerResponse> converse(ServerRequest request) {
		long start = System.nanoTime();
		String modelId = modelId(request);
		this.events.started(request.exchange(), ConverseEvents.Operation.CONVERSE, modelId);
		String authorization = bearer(request);
		String callId = request.headers().firstHeader(GatewayClient.CALL_ID_HEADER);
		return body(request)
			.flatMap((converse) -> prepare(converse, modelId, false, CallerKey.of(request.headers().asHttpHeaders())))
			.flatMap((call) -> this.gateway
				.exchange(HttpMethod.POST, CHAT_PATH, authorization, callId, this.mapper.writeValueAsBytes(call.chat()))
				.flatMap((answer) -> {
					callIdOf(answer.headers(), request);
					JsonNode completion;
					if (answer.ok()) {
						completion = this.mapper.readTree(answer.body());
					}
					else {
						completion = GuardrailInterventions.completion(this.mapper, call.chat(), answer.status(),
								answer.body());
						if (completion == null) {
							return Mono.error(error(answer.status(), answer.body()));
						}
					}
					ConverseResponse converse = this.responses.translate(completion,
							(System.nanoTime() - start) / 1_000_000);
					if (completion.has("trace")) {
						converse.extra().put("trace", completion.get("trace"));
					}
					// an intervened turn is not kept in the session (see
					// GuardrailInterventions)
					Turn turn = answer.ok() ? call.turn() : null;
					if (turn == null) {
						return ServerResponse.ok()
							.contentType(MediaType.APPLICATION_JSON)
							.bodyValue(this.mapper.writeValueAsBytes(converse));
					}
					converse.extra().put(HistoryOptions.SESSION_ID, turn.sessionId());
					JsonNode reply = ChatHistory.replyOf(completion);
					Mono<Void> stored = (reply != null) ? this.history.finish(turn, reply) : Mono.empty();
					return stored.onErrorMap((failure) -> !(failure instanceof BedrockError), this::notStored)
						.then(Mono.defer(() -> ServerResponse.ok()
							.contentType(MediaType.APPLICATION_JSON)
							.header(ChatHistory.SESSION_HEADER, turn.sessionId())
							.bodyValue(this.mapper.writeValueAsBytes(converse))));
				}));
	}

	/**
	 * The stream's frames are written as they come. A failure before the first frame
	 * leaves the response uncommitted, so the Bedrock error handler still answers with
	 * the error's status and type; after it, the failure is an exception frame. With
	 * history, the closing frames wait until the reply is stored.
	 */
	public Mono<ServerResponse> converseStream(ServerRequest request) {
		String modelId = modelId(request);
		this.events.started(request.exchange(), ConverseEvents.Operation.CONVERSE_STREAM, modelId);
		String authorization = bearer(request);
		String callId = request.headers().firstHeader(GatewayClient.CALL_ID_HEADER);
		DataBufferFactory buffers = request.exchange().getResponse().bufferFactory();
		return body(request)
			.flatMap((converse) -> prepare(converse, modelId, true, CallerKey.of(request.headers().asHttpHeaders())))
			.flatMap((call) -> {
				Turn turn = call.turn();
				ReplyAccumulator reply = (turn != null) ? new ReplyAccumulator() : null;
				OpenAiToConverseStreamTranslator translator = new OpenAiToConverseStreamTranslator(this.mapper, reply);
				Flux<byte[]> frames = this.gateway.stream(CHAT_PATH, authorization, callId,
						this.mapper.writeValueAsBytes(call.chat()), (answer) -> {
							callIdOf(answer.headers(), request);
							if (!answer.ok()) {
								return answer.body().reduce(new ByteArrayOutputStream(), (all, chunk) -> {
									all.writeBytes(chunk);
									return all;
								}).flatMapMany((all) -> {
									ObjectNode intervention = GuardrailInterventions.completion(this.mapper,
											call.chat(), answer.status(), all.toByteArray());
									if (intervention == null) {
										return Flux.error(error(answer.status(), all.toByteArray()));
									}
									// the intervention as a one-chunk stream
									JsonNode choice = intervention.path("choices").path(0);
									ObjectNode chunk = this.mapper.createObjectNode();
									ObjectNode streamed = chunk.putArray("choices").addObject();
									streamed.set("delta", choice.path("message"));
									streamed.set("finish_reason", choice.path("finish_reason"));
									byte[] events = ("data: " + this.mapper.writeValueAsString(chunk)
											+ "\n\ndata: [DONE]\n\n")
										.getBytes(StandardCharsets.UTF_8);
									// its own translator, without the session's reply: an
									// intervened
									// turn is not kept
									OpenAiToConverseStreamTranslator alone = new OpenAiToConverseStreamTranslator(
											this.mapper);
									return Flux.fromIterable(alone.onChunk(events))
										.concatWith(Flux.defer(() -> Flux.fromIterable(alone.onEnd())));
								});
							}
							return answer.body()
								.concatMapIterable(translator::onChunk)
								.concatWith(Flux.defer(() -> end(translator, turn, reply)));
						});
				ServerResponse.BodyBuilder response = ServerResponse.ok().contentType(EVENT_STREAM);
				if (turn != null) {
					response.header(ChatHistory.SESSION_HEADER, turn.sessionId());
				}
				Flux<byte[]> watched = this.events.streamed(ConverseEvents.Operation.CONVERSE_STREAM, frames);
				return response.body((message, ignored) -> message
					.writeAndFlushWith(watched.map((frame) -> Mono.just(buffers.wrap(frame)))));
			});
	}

	/**
	 * The gateway's call id goes back to the caller, the one {@code /spend/logs} knows
	 * the call by (the caller's own, when it sent one). Set as soon as the gateway
	 * answers: before the first frame, and before an error is written.
	 */
	private static void callIdOf(io.netty.handler.codec.http.HttpHeaders gateway, ServerRequest request) {
		String id = gateway.get(GatewayClient.CALL_ID_HEADER);
		if (id != null && !request.exchange().getResponse().isCommitted()) {
			request.exchange().getResponse().getHeaders().set(GatewayClient.CALL_ID_HEADER, id);
		}
	}

	/** The closing frames, after the reply is stored when the call has history. */
	private Flux<byte[]> end(OpenAiToConverseStreamTranslator translator, @Nullable Turn turn,
			@Nullable ReplyAccumulator reply) {
		if (turn == null || reply == null || !translator.completed()) {
			return Flux.fromIterable(translator.onEnd());
		}
		return this.history.finish(turn, reply.message(this.mapper))
			.thenMany(Flux.defer(() -> Flux.fromIterable(translator.onEnd())))
			.onErrorResume((failure) -> Flux.just(EventStreamFrames.exception("internalServerException", this.mapper
				.writeValueAsBytes(this.mapper.createObjectNode().put("message", notStored(failure).getMessage())))));
	}

	private BedrockError notStored(Throwable failure) {
		return new BedrockError(500, "InternalServerException",
				"The reply could not be stored in the session: " + failure.getMessage());
	}

	/**
	 * The OpenAI request for a Converse request: a prompt ARN as the model id becomes the
	 * prompt's model and filled template, with the top-level {@code promptVariables};
	 * then, with history, the session's messages go in front.
	 */
	private Mono<Call> prepare(ConverseRequest converse, String modelId, boolean stream, @Nullable String key) {
		HistoryOptions options = HistoryOptions.ofConverse(converse);
		ObjectNode chat = this.requests.translate(converse, modelId, stream);
		Mono<ObjectNode> prompted = ManagedPrompts.isPrompt(modelId)
				? this.history.authorize(key)
					.then(Mono
						.defer(() -> this.prompts.apply(chat, ManagedPrompts.variables(converse.promptVariables()))))
				: Mono.just(chat);
		if (!options.enabled()) {
			return prompted.map((request) -> new Call(request, null));
		}
		return prompted
			.flatMap((request) -> this.history.begin(request, options, key).map((turn) -> new Call(request, turn)));
	}

	/**
	 * The caller's key as the gateway takes it, from whichever header carried it, so the
	 * call is made with the same key that owns the history.
	 */
	private static @Nullable String bearer(ServerRequest request) {
		String key = CallerKey.of(request.headers().asHttpHeaders());
		return (key != null) ? "Bearer " + key : null;
	}

	/**
	 * An OpenAI request on its way to the gateway.
	 *
	 * @param chat the request
	 * @param turn its history turn, or null without history
	 */
	private record Call(ObjectNode chat, @Nullable Turn turn) {

	}

	private Mono<ConverseRequest> body(ServerRequest request) {
		return DataBufferUtils.join(request.body((message, context) -> message.getBody())).map((buffer) -> {
			// parsed from the received buffers, not a copy of them
			try {
				ConverseRequest converse = this.mapper.readValue(buffer.asInputStream(), ConverseRequest.class);
				if (converse == null) {
					throw new BedrockError(400, "ValidationException", "The request body must be a JSON object");
				}
				return converse;
			}
			catch (DatabindException ex) {
				throw MalformedJson.unfitting(ex);
			}
			catch (JacksonException ex) {
				throw MalformedJson.of(ex);
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}).switchIfEmpty(Mono.error(new BedrockError(400, "ValidationException", "The request body is empty")));
	}

	/**
	 * The model id, decoded: boto3 sends an ARN's slash encoded ({@code %2F}), and some
	 * clients split it into two path segments, which are joined back.
	 */
	static String modelId(ServerRequest request) {
		String prefix = request.pathVariables().get("prefix");
		String id = request.pathVariable("modelId");
		// path variables arrive decoded already
		return (prefix != null) ? prefix + "/" + id : id;
	}

	private BedrockError error(int status, byte @Nullable [] body) {
		return GatewayErrors.of(this.mapper, status, body);
	}

}
