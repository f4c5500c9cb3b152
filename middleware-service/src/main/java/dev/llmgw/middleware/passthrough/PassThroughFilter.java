package dev.llmgw.middleware.passthrough;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.middleware.upstream.GatewayClient;
import dev.llmgw.middleware.upstream.HopByHop;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;

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

	private final GatewayClient gateway;

	public PassThroughFilter(GatewayClient gateway) {
		this.gateway = gateway;
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
		}).defaultIfEmpty(new byte[0]).flatMap((body) -> relay(exchange, pathAndQuery, headers, body));
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
