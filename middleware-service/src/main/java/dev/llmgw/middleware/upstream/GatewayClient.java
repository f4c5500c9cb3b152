package dev.llmgw.middleware.upstream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Calls the gateway with the caller's own bearer and the marker header that keeps the
 * gateway from forwarding the call back here, and with the caller's call id where the
 * call is made for one. Bodies go out as given; answers come back as they are, whole or
 * chunk by chunk.
 */
public final class GatewayClient implements AutoCloseable {

	/**
	 * Marks a request sent by the middleware to the gateway (see the gateway's
	 * MiddlewarePaths).
	 */
	public static final String FROM_MIDDLEWARE_HEADER = "x-llmgw-from-middleware";

	/**
	 * The call's id, as LiteLLM names it: a caller's (or a gateway's in front, which
	 * handed the call here) goes on to the gateway, which reuses it, and the gateway's
	 * comes back to the caller.
	 */
	public static final String CALL_ID_HEADER = "x-litellm-call-id";

	/** Below the gateway's idle timeout (120 s), with room for a busy machine. */
	static final Duration MAX_IDLE = Duration.ofSeconds(60);

	private final String baseUrl;

	private final ConnectionProvider pool;

	private final HttpClient http;

	/**
	 * @param baseUrl the gateway's base URL
	 * @param responseTimeout how long an answer may take to start
	 * @param meters given the connection pool to publish its gauges (the metrics), or
	 * null for none
	 */
	public GatewayClient(String baseUrl, Duration responseTimeout, ConnectionProvider.@Nullable MeterRegistrar meters) {
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		// a connection idle for long is dropped here well before the gateway closes it
		// (its
		// server.netty.idle-timeout, 120 s): reusing one the gateway is closing at that
		// moment failed the call with "connection prematurely closed BEFORE response"
		ConnectionProvider.Builder pool = ConnectionProvider.builder("gateway")
			.maxConnections(1000)
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(MAX_IDLE)
			.evictInBackground(MAX_IDLE.dividedBy(2));
		if (meters != null) {
			pool.metrics(true, () -> meters);
		}
		this.pool = pool.build();
		this.http = HttpClient.create(this.pool).keepAlive(true).compress(false).responseTimeout(responseTimeout);
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Sends a request and answers the whole response.
	 * @param method the method
	 * @param path the gateway path, e.g. {@code /v1/chat/completions}
	 * @param authorization the caller's Authorization header, or null
	 * @param body the body, or null
	 * @return the gateway's answer
	 */
	public Mono<GatewayResponse> exchange(HttpMethod method, String path, @Nullable String authorization,
			byte @Nullable [] body) {
		return exchange(method, path, authorization, null, body);
	}

	/**
	 * Sends a request made on a caller's behalf and answers the whole response.
	 * @param method the method
	 * @param path the gateway path, e.g. {@code /v1/chat/completions}
	 * @param authorization the caller's Authorization header, or null
	 * @param callId the caller's call id, which the gateway reuses so that the call has
	 * one id end to end, or null for the gateway to choose one
	 * @param body the body, or null
	 * @return the gateway's answer
	 */
	public Mono<GatewayResponse> exchange(HttpMethod method, String path, @Nullable String authorization,
			@Nullable String callId, byte @Nullable [] body) {
		return this.http.headers((headers) -> headers(headers, authorization, callId, body))
			.request(method)
			.uri(this.baseUrl + path)
			.send((request, out) -> (body != null) ? out.sendByteArray(Mono.just(body)) : out)
			.responseSingle((response, content) -> content.asByteArray()
				.defaultIfEmpty(new byte[0])
				.map((bytes) -> new GatewayResponse(response.status().code(), response.responseHeaders(), bytes)));
	}

	/**
	 * Sends a request whose answer may stream, and hands its status, headers and chunks
	 * to {@code handler} while the connection is open: the chunks arrive as the gateway
	 * flushes them, each copied out of Netty's buffers.
	 * @param path the gateway path
	 * @param authorization the caller's Authorization header, or null
	 * @param body the body
	 * @param handler what to make of the answer
	 * @return what the handler makes
	 */
	public <T> Flux<T> stream(String path, @Nullable String authorization, byte[] body,
			Function<GatewayStream, Publisher<T>> handler) {
		return stream(path, authorization, null, body, handler);
	}

	/**
	 * Sends a request made on a caller's behalf whose answer may stream, as
	 * {@link #stream(String, String, byte[], Function)} does.
	 * @param path the gateway path
	 * @param authorization the caller's Authorization header, or null
	 * @param callId the caller's call id, which the gateway reuses, or null
	 * @param body the body
	 * @param handler what to make of the answer
	 * @return what the handler makes
	 */
	public <T> Flux<T> stream(String path, @Nullable String authorization, @Nullable String callId, byte[] body,
			Function<GatewayStream, Publisher<T>> handler) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put(HttpHeaderNames.CONTENT_TYPE.toString(), List.of(HttpHeaderValues.APPLICATION_JSON.toString()));
		if (authorization != null) {
			headers.put(HttpHeaderNames.AUTHORIZATION.toString(), List.of(authorization));
		}
		if (callId != null) {
			headers.put(CALL_ID_HEADER, List.of(callId));
		}
		return forward(HttpMethod.POST, path, headers, body, handler);
	}

	/**
	 * Forwards a request as it came, headers included (but for hop-by-hop ones), and
	 * hands the answer to {@code handler} while the connection is open.
	 * @param method the method
	 * @param pathAndQuery the path, with its query string
	 * @param incoming the caller's headers
	 * @param body the caller's body, possibly empty
	 * @param handler what to make of the answer
	 * @return what the handler makes
	 */
	public <T> Flux<T> forward(HttpMethod method, String pathAndQuery, Map<String, List<String>> incoming, byte[] body,
			Function<GatewayStream, Publisher<T>> handler) {
		return StaleConnections
			.retried((answered) -> send(method, pathAndQuery, incoming, body).response((response, content) -> {
				answered.set(true);
				return handler.apply(
						new GatewayStream(response.status().code(), response.responseHeaders(), content.asByteArray()));
			}));
	}

	/**
	 * Forwards a request as {@link #forward} does, and hands the answer over with Netty's
	 * buffers retained rather than copied, for answers passed on unread.
	 * @param method the method
	 * @param pathAndQuery the path, with its query string
	 * @param incoming the caller's headers
	 * @param body the caller's body, possibly empty
	 * @param handler what to make of the answer; it must release every chunk it takes
	 * @return what the handler makes
	 */
	public <T> Flux<T> relay(HttpMethod method, String pathAndQuery, Map<String, List<String>> incoming, byte[] body,
			Function<GatewayRelay, Publisher<T>> handler) {
		return StaleConnections
			.retried((answered) -> send(method, pathAndQuery, incoming, body).response((response, content) -> {
				answered.set(true);
				return handler.apply(new GatewayRelay(response.status().code(), response.responseHeaders(),
						content.retain().doOnDiscard(ByteBuf.class, ReferenceCountUtil::safeRelease)));
			}));
	}

	private HttpClient.ResponseReceiver<?> send(HttpMethod method, String pathAndQuery,
			Map<String, List<String>> incoming, byte[] body) {
		return this.http.headers((headers) -> {
			incoming.forEach((name, values) -> {
				if (!HopByHop.is(name) && !HopByHop.isCrossOrigin(name)) {
					headers.set(name, values);
				}
			});
			headers.set(FROM_MIDDLEWARE_HEADER, "1");
		})
			.request(method)
			.uri(this.baseUrl + pathAndQuery)
			.send((request, out) -> (body.length > 0) ? out.sendByteArray(Mono.just(body)) : out);
	}

	private static void headers(HttpHeaders headers, @Nullable String authorization, @Nullable String callId,
			byte @Nullable [] body) {
		headers.set(FROM_MIDDLEWARE_HEADER, "1");
		if (callId != null) {
			headers.set(CALL_ID_HEADER, callId);
		}
		if (authorization != null) {
			headers.set(HttpHeaderNames.AUTHORIZATION, authorization);
		}
		if (body != null) {
			headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
		}
	}

	@Override
	public void close() {
		this.pool.dispose();
	}

}
