package dev.llmgw.gateway.handoff;

import java.util.Set;

import dev.llmgw.gateway.web.FilterOrder;
import dev.llmgw.gateway.web.NamedWebFilter;
import dev.llmgw.gateway.web.MiddlewarePaths;
import dev.llmgw.model.openai.MiddlewareFields;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * Serves chat in one hop: a chat request comes to the gateway, which answers it itself
 * unless it needs the middleware, and then hands it there unchanged (the middleware calls
 * the gateway back, marked as its own). A request needs the middleware when it names a
 * managed prompt as its model ({@code arn:aws:bedrock:...:prompt/...}) or asks for chat
 * history ({@code enable_history}, {@code session_id}), the same fields the middleware
 * reads (shared/spec/middleware.md). The body is read once: a byte scan finds the rare
 * request that mentions one of them, and only that one is parsed. Active when
 * {@code MIDDLEWARE_URL} is set.
 */
public final class ChatHandoffFilter extends NamedWebFilter {

	private static final Set<String> PATHS = Set.of("/chat/completions", "/v1/chat/completions");

	private final JsonMapper mapper;

	public ChatHandoffFilter(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public int getOrder() {
		return FilterOrder.CHAT_HANDOFF;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getMethod() != HttpMethod.POST || !PATHS.contains(request.getPath().value())
				|| MiddlewarePaths.fromMiddleware(exchange)) {
			return chain.filter(exchange);
		}
		// read within the size limits of the request-size filter, which wraps this body
		return DataBufferUtils.join(request.getBody())
			.map(ChatHandoffFilter::bytes)
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> {
				ServerWebExchange read = exchange.mutate().request(new ReadBody(request, body)).build();
				return chain.filter(needsMiddleware(body) ? MiddlewarePaths.handOff(read) : read);
			});
	}

	/**
	 * Whether a chat body names a managed prompt or asks for history, by the rules the
	 * middleware applies. A body that is not a JSON object stays here, where its error is
	 * told.
	 */
	boolean needsMiddleware(byte[] body) {
		if (!MiddlewareFields.mentionedIn(body)) {
			return false;
		}
		JsonNode json;
		try {
			json = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			return false;
		}
		if (json == null || !json.isObject()) {
			return false;
		}
		if (MiddlewareFields.isPromptArn(json.path("model").isString() ? json.path("model").asString() : null)) {
			return true;
		}
		JsonNode session = json.path(MiddlewareFields.SESSION_ID);
		if (session.isString() && !session.asString().isBlank()) {
			return true;
		}
		JsonNode enable = json.path(MiddlewareFields.ENABLE_HISTORY);
		return enable.asBoolean(false) || "true".equalsIgnoreCase(enable.asString(""));
	}

	/**
	 * The body as a plain array: the request goes on with a heap copy, which needs no
	 * release whoever reads it, or nobody (a request refused before its handler reads).
	 */
	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	/** The request with its body already read: each reader gets it whole. */
	private static final class ReadBody extends ServerHttpRequestDecorator {

		private final byte[] body;

		ReadBody(ServerHttpRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return (this.body.length == 0) ? Flux.empty()
					: Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(this.body)));
		}

	}

}
