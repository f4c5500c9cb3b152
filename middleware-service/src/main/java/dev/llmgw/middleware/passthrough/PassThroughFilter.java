package dev.llmgw.middleware.passthrough;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.middleware.error.BedrockError;
import dev.llmgw.middleware.error.BedrockErrorHandler;
import dev.llmgw.middleware.error.ClientDisconnects;
import dev.llmgw.middleware.error.OpenAiErrorBody;
import dev.llmgw.middleware.history.CallerKey;
import dev.llmgw.middleware.history.ChatHistory;
import dev.llmgw.middleware.history.HistoryOptions;
import dev.llmgw.middleware.history.OpenAiHistoryStream;
import dev.llmgw.middleware.history.Turn;
import dev.llmgw.middleware.prompts.ManagedPrompts;
import dev.llmgw.middleware.upstream.GatewayClient;
import dev.llmgw.middleware.upstream.HopByHop;
import dev.llmgw.model.openai.MiddlewareFields;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The middleware's own OpenAI and admin paths ({@code /chat/completions},
 * {@code /v1/chat/completions}, {@code /key/generate}, {@code /user/new}): passed to the
 * gateway unchanged but for managed prompts and chat history, and its answer passed back
 * unchanged, status, headers ({@code x-litellm-*}, {@code x-ratelimit-*}) and body, a
 * stream chunk by chunk down to its {@code data: [DONE]} (shared/spec/middleware.md,
 * "OpenAI pass-through"). A filter rather than a route, since the status is known only
 * once the gateway answers.
 */
public final class PassThroughFilter implements WebFilter, Ordered {

	static final Set<String> PATHS = Set.of("/chat/completions", "/v1/chat/completions", "/key/generate", "/user/new");

	private final GatewayClient gateway;

	private final ManagedPrompts prompts;

	private final ChatHistory history;

	private final JsonMapper mapper;

	public PassThroughFilter(GatewayClient gateway, ManagedPrompts prompts, ChatHistory history, JsonMapper mapper) {
		this.gateway = gateway;
		this.prompts = prompts;
		this.history = history;
		this.mapper = mapper;
		// Jackson builds and caches a deserializer under a lock on first use: done here,
		// at
		// start-up, it never makes concurrent first calls wait on an event loop
		mapper.readTree("{\"warm\": [1, \"up\"]}");
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!PATHS.contains(exchange.getRequest().getPath().value())) {
			return chain.filter(exchange);
		}
		String query = exchange.getRequest().getURI().getRawQuery();
		String pathAndQuery = exchange.getRequest().getPath().value() + ((query != null) ? "?" + query : "");
		Map<String, List<String>> headers = new LinkedHashMap<>();
		exchange.getRequest().getHeaders().forEach(headers::put);
		return DataBufferUtils.join(exchange.getRequest().getBody()).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		})
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> prepare(exchange, body))
			.flatMap((call) -> (call.turn() != null) ? relayWithHistory(exchange, pathAndQuery, headers, call)
					: relay(exchange, pathAndQuery, headers, call.body()))
			.onErrorResume((error) -> ClientDisconnects.is(error) && exchange.getResponse().isCommitted(),
					(error) -> ClientDisconnects.noted(exchange, error))
			// a failure before the answer started (the gateway or the history database
			// unreachable, say) is told in OpenAI's shape; after it, the connection just
			// ends
			.onErrorResume((error) -> !exchange.getResponse().isCommitted(),
					(error) -> openAiError(exchange.getResponse(), BedrockErrorHandler.classify(error)));
	}

	/**
	 * A chat request that names a managed prompt or asks for history is read and changed:
	 * the prompt's model and filled template (its {@code promptVariables} at the top
	 * level, the OpenAI SDKs' {@code extra_body}), then the session's messages in front.
	 * Any other body passes unread, found by a byte scan rather than parsing.
	 */
	private Mono<Call> prepare(ServerWebExchange exchange, byte[] body) {
		if (!exchange.getRequest().getPath().value().endsWith("/chat/completions")
				|| !MiddlewareFields.mentionedIn(body)) {
			return Mono.just(new Call(body, null));
		}
		JsonNode json;
		try {
			json = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			// the gateway tells the caller what is wrong with it, in its own words
			return Mono.just(new Call(body, null));
		}
		if (!(json instanceof ObjectNode request)) {
			return Mono.just(new Call(body, null));
		}
		HistoryOptions options = HistoryOptions.takeFrom(request);
		String key = CallerKey.of(exchange.getRequest().getHeaders());
		Mono<ObjectNode> prompted = Mono.just(request);
		if (ManagedPrompts.isPrompt(request.path("model").asString(null))) {
			Map<String, String> variables = ManagedPrompts.variables(request.path("promptVariables"));
			request.remove("promptVariables");
			// the key first: GetPrompt is signed with the middleware's own credentials
			prompted = this.history.authorize(key).then(Mono.defer(() -> this.prompts.apply(request, variables)));
		}
		if (!options.enabled()) {
			return prompted.map((chat) -> new Call(this.mapper.writeValueAsBytes(chat), null));
		}
		return prompted.flatMap((chat) -> this.history.begin(chat, options, key)
			.map((turn) -> new Call(this.mapper.writeValueAsBytes(chat), turn)));
	}

	/** A failure told in OpenAI's error shape on an OpenAI route. */
	private Mono<Void> openAiError(ServerHttpResponse response, BedrockError error) {
		byte[] bytes = this.mapper.writeValueAsBytes(OpenAiErrorBody.of(error));
		response.setStatusCode(HttpStatusCode.valueOf(error.status()));
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getHeaders().setContentLength(bytes.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
	}

	/**
	 * The plain pass-through, every chat request without history or a prompt: the
	 * gateway's chunks are written as the buffers they arrived in, not copied. They go to
	 * the connection as one flux rather than a publisher per chunk: Reactor Netty's
	 * writer, which flushes whenever it has caught up, releases the buffers it holds when
	 * the caller hangs up, whereas per-chunk publishers queued for writing were dropped
	 * with their retained buffers.
	 */
	private Mono<Void> relay(ServerWebExchange exchange, String pathAndQuery, Map<String, List<String>> headers,
			byte[] body) {
		ServerHttpResponse response = exchange.getResponse();
		DataBufferFactory buffers = response.bufferFactory();
		return this.gateway.relay(method(exchange), pathAndQuery, headers, body, (answer) -> {
			copyStatusAndHeaders(answer.status(), answer.headers(), response);
			return response.writeWith(answer.body().map((chunk) -> wrap(buffers, chunk)));
		}).then();
	}

	private static DataBuffer wrap(DataBufferFactory buffers, ByteBuf chunk) {
		if (buffers instanceof NettyDataBufferFactory netty) {
			return netty.wrap(chunk);
		}
		try {
			return buffers.wrap(ByteBufUtil.getBytes(chunk));
		}
		finally {
			chunk.release();
		}
	}

	/**
	 * A call with history: the gateway's answer goes back with the session id (header,
	 * and in the body or first chunk), and a successful reply is stored before the caller
	 * sees the end of it. A failed call passes back unchanged and stores nothing.
	 */
	private Mono<Void> relayWithHistory(ServerWebExchange exchange, String pathAndQuery,
			Map<String, List<String>> headers, Call call) {
		Turn turn = call.turn();
		ServerHttpResponse response = exchange.getResponse();
		DataBufferFactory buffers = response.bufferFactory();
		return this.gateway.forward(method(exchange), pathAndQuery, headers, call.body(), (answer) -> {
			copyStatusAndHeaders(answer.status(), answer.headers(), response);
			if (!answer.ok()) {
				return response.writeAndFlushWith(answer.body().map((chunk) -> Mono.just(buffers.wrap(chunk))));
			}
			response.getHeaders().set(ChatHistory.SESSION_HEADER, turn.sessionId());
			String type = answer.headers().get(HttpHeaderNames.CONTENT_TYPE);
			if (type != null && type.startsWith("text/event-stream")) {
				Flux<byte[]> events = new OpenAiHistoryStream(this.mapper, turn.sessionId(),
						(reply) -> this.history.finish(turn, reply))
					.rewrite(answer.body());
				return response.writeAndFlushWith(events.map((chunk) -> Mono.just(buffers.wrap(chunk))));
			}
			return joined(answer.body()).flatMap((bytes) -> {
				JsonNode completion = this.mapper.readTree(bytes);
				JsonNode reply = ChatHistory.replyOf(completion);
				Mono<Void> stored = (reply != null) ? this.history.finish(turn, reply) : Mono.empty();
				if (completion instanceof ObjectNode object) {
					object.put(HistoryOptions.SESSION_ID, turn.sessionId());
				}
				byte[] out = this.mapper.writeValueAsBytes(completion);
				return stored
					.onErrorMap((error) -> !(error instanceof BedrockError),
							(error) -> new BedrockError(500, "InternalServerException",
									"The reply could not be stored in session " + turn.sessionId() + ": "
											+ error.getMessage()))
					.then(Mono.defer(() -> response.writeWith(Mono.just(buffers.wrap(out)))));
			});
		}).then();
	}

	private static Mono<byte[]> joined(Flux<byte[]> chunks) {
		return chunks.reduce(new ByteArrayOutputStream(), (all, chunk) -> {
			all.writeBytes(chunk);
			return all;
		}).map(ByteArrayOutputStream::toByteArray).defaultIfEmpty(new byte[0]);
	}

	/**
	 * The gateway's status and headers onto the answer. {@code Vary} is merged rather
	 * than added: the middleware's cross-origin handling has already named {@code Origin}
	 * and the rest, and the gateway names the same, so a plain copy would send each
	 * twice.
	 */
	private static void copyStatusAndHeaders(int status, HttpHeaders headers, ServerHttpResponse response) {
		response.setStatusCode(HttpStatusCode.valueOf(status));
		headers.forEach((header) -> {
			String name = header.getKey();
			if (HopByHop.is(name) || HopByHop.isCrossOrigin(name)) {
				return;
			}
			if (name.equalsIgnoreCase(org.springframework.http.HttpHeaders.VARY)) {
				mergeVary(header.getValue(), response.getHeaders());
			}
			else {
				response.getHeaders().add(name, header.getValue());
			}
		});
	}

	private static void mergeVary(String value, org.springframework.http.HttpHeaders answer) {
		List<String> present = answer.getVary();
		for (String token : value.split(",")) {
			String name = token.trim();
			if (!name.isEmpty() && present.stream().noneMatch(name::equalsIgnoreCase)) {
				answer.add(org.springframework.http.HttpHeaders.VARY, name);
				present = answer.getVary();
			}
		}
	}

	private static HttpMethod method(ServerWebExchange exchange) {
		return HttpMethod.valueOf(exchange.getRequest().getMethod().name());
	}

	/**
	 * A request as it goes to the gateway.
	 *
	 * @param body its body
	 * @param turn the history turn it belongs to, or null without history
	 */
	private record Call(byte[] body, @Nullable Turn turn) {

	}

}
