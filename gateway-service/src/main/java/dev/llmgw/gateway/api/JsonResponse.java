package dev.llmgw.gateway.api;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A 200 with a JSON body already written out, sent as it is. {@code bodyValue(bytes)}
 * would pass the bytes through the message writers: a search for the writer by type, an
 * encoder, and a discard hook that makes Reactor walk the whole operator chain for its
 * context on every call (a profile of cache hits put that path at a tenth of the event
 * loops' time). Here the bytes are wrapped and written once, with their length.
 */
public final class JsonResponse {

	private JsonResponse() {
	}

	public static Mono<ServerResponse> ok(byte[] body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).build((exchange, context) -> {
			ServerHttpResponse response = exchange.getResponse();
			response.getHeaders().setContentLength(body.length);
			return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
		});
	}

}
