package dev.llmgw.middleware.passthrough;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.middleware.bedrock.BedrockError;
import dev.llmgw.middleware.prompts.ManagedPrompts;
import dev.llmgw.middleware.upstream.GatewayClient;
import dev.llmgw.middleware.upstream.HopByHop;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The middleware's own OpenAI and admin paths ({@code /chat/completions},
 * {@code /v1/chat/completions}, {@code /key/generate}, {@code /user/new}): passed to the
 * gateway unchanged, and its answer passed back unchanged, status, headers
 * ({@code x-litellm-*}, {@code x-ratelimit-*}) and body, a stream chunk by chunk down to
 * its {@code data: [DONE]} (shared/spec/middleware.md, "OpenAI pass-through"). A filter
 * rather than a route, since the status is known only once the gateway answers.
 */
public final class PassThroughFilter implements WebFilter, Ordered {

	static final Set<String> PATHS = Set.of("/chat/completions", "/v1/chat/completions", "/key/generate", "/user/new");

	private static final byte[] PROMPT_MARKER = ":prompt/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private final GatewayClient gateway;

	private final ManagedPrompts prompts;

	private final JsonMapper mapper;

	public PassThroughFilter(GatewayClient gateway, ManagedPrompts prompts, JsonMapper mapper) {
		this.gateway = gateway;
		this.prompts = prompts;
		this.mapper = mapper;
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
			.flatMap((body) -> withPrompt(exchange, body))
			.flatMap((body) -> relay(exchange, pathAndQuery, headers, body))
			.onErrorResume(BedrockError.class, (error) -> openAiError(exchange.getResponse(), error));
	}

	/**
	 * A chat request whose model is a prompt ARN becomes a request for the prompt's model
	 * (its {@code promptVariables} at the top level, the OpenAI SDKs'
	 * {@code extra_body}); any other body passes unread, found by a byte scan rather than
	 * parsing.
	 */
	private Mono<byte[]> withPrompt(ServerWebExchange exchange, byte[] body) {
		if (!exchange.getRequest().getPath().value().endsWith("/chat/completions") || !contains(body, PROMPT_MARKER)) {
			return Mono.just(body);
		}
		JsonNode json = this.mapper.readTree(body);
		if (!(json instanceof ObjectNode request) || !ManagedPrompts.isPrompt(request.path("model").asString(null))) {
			return Mono.just(body);
		}
		Map<String, String> variables = ManagedPrompts.variables(request.path("promptVariables"));
		request.remove("promptVariables");
		return this.prompts.apply(request, variables).map(this.mapper::writeValueAsBytes);
	}

	/** A prompt that cannot be used, told in OpenAI's error shape on an OpenAI route. */
	private Mono<Void> openAiError(ServerHttpResponse response, BedrockError error) {
		ObjectNode body = this.mapper.createObjectNode();
		body.putObject("error")
			.put("message", error.getMessage())
			.put("type", (error.status() == 400) ? "invalid_request_error" : "api_error")
			.putNull("param")
			.put("code", Integer.toString(error.status()));
		byte[] bytes = this.mapper.writeValueAsBytes(body);
		response.setStatusCode(HttpStatusCode.valueOf(error.status()));
		response.getHeaders().setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
	}

	private static boolean contains(byte[] data, byte[] wanted) {
		outer: for (int i = 0; i <= data.length - wanted.length; i++) {
			for (int j = 0; j < wanted.length; j++) {
				if (data[i + j] != wanted[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	private Mono<Void> relay(ServerWebExchange exchange, String pathAndQuery, Map<String, List<String>> headers,
			byte[] body) {
		ServerHttpResponse response = exchange.getResponse();
		DataBufferFactory buffers = response.bufferFactory();
		return this.gateway.forward(HttpMethod.valueOf(exchange.getRequest().getMethod().name()), pathAndQuery, headers,
				body, (answer) -> {
					response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
					answer.headers().forEach((header) -> {
						if (!HopByHop.is(header.getKey())) {
							response.getHeaders().add(header.getKey(), header.getValue());
						}
					});
					return response.writeAndFlushWith(answer.body().map((chunk) -> Mono.just(buffers.wrap(chunk))));
				})
			.then();
	}

}
