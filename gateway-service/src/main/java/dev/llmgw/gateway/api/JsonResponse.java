package dev.llmgw.gateway.api;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * A 200 with a JSON body already written out, sent as it is. {@code bodyValue(bytes)}
 * would pass the bytes through the message writers: a search for the writer by type, an
 * encoder, and a discard hook that makes Reactor walk the whole operator chain for its
 * context on every call (a profile of cache hits put that path at a tenth of the event
 * loops' time). Spring's response builder, even with a write function, keeps its own
 * case-insensitive header map and copies it into the response's on every call; here the
 * two headers go straight into the response's own, and the bytes are wrapped and written
 * once.
 */
public final class JsonResponse implements ServerResponse {

	private static final MultiValueMap<String, ResponseCookie> NO_COOKIES = CollectionUtils
		.unmodifiableMultiValueMap(new LinkedMultiValueMap<>());

	private final byte[] body;

	private JsonResponse(byte[] body) {
		this.body = body;
	}

	public static Mono<ServerResponse> ok(byte[] body) {
		return Mono.just(new JsonResponse(body));
	}

	@Override
	public HttpStatusCode statusCode() {
		return HttpStatus.OK;
	}

	/** What {@link #writeTo} sets, for a filter that asks before the response is sent. */
	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setContentLength(this.body.length);
		return HttpHeaders.readOnlyHttpHeaders(headers);
	}

	@Override
	public MultiValueMap<String, ResponseCookie> cookies() {
		return NO_COOKIES;
	}

	@Override
	public Mono<Void> writeTo(ServerWebExchange exchange, Context context) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.OK);
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setContentLength(this.body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(this.body)));
	}

}
