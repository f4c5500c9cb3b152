package dev.llmgw.gateway.providers;

import java.net.URI;
import java.util.Map;

import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.web.OutgoingHeaders;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.NettyOutbound;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientResponse;

/**
 * The HTTP exchange every JSON provider shares: post a body, read a JSON answer or relay
 * a server-sent-event stream, and turn an error status into the provider's error through
 * its {@link ProviderErrors}. Adapters keep only what differs: URL, headers and
 * translation.
 */
public final class ProviderHttp {

	private static final byte[] EMPTY = new byte[0];

	private final HttpClient http;

	private final ProviderUrls urls = new ProviderUrls();

	private final ProviderHeadroom headroom;

	public ProviderHttp(UpstreamClient client) {
		this(client, new ProviderHeadroom());
	}

	/**
	 * @param headroom told what each answer's headers say the provider has left
	 */
	public ProviderHttp(UpstreamClient client, ProviderHeadroom headroom) {
		this.http = client.httpClient();
		this.headroom = headroom;
	}

	/**
	 * The shared client, for exchanges that are not a provider call (token endpoints).
	 */
	public HttpClient httpClient() {
		return this.http;
	}

	/**
	 * Posts {@code body} and answers the 2xx response body.
	 * @param deployment who is called, for timeouts, extra headers and error messages
	 * @param url the full URL
	 * @param headers the provider's own headers (auth, version)
	 * @param body the request body
	 * @param errors how the provider's errors read
	 * @return the response body
	 */
	public Mono<byte[]> postJson(Deployment deployment, String url, Map<String, String> headers, byte[] body,
			ProviderErrors errors) {
		return StaleConnections.retried((answered) -> to(url)
			.send((request, out) -> send(request, out, deployment, headers, body, "application/json", false))
			.responseSingle((response, content) -> {
				answered.set(true);
				return content.asByteArray().defaultIfEmpty(EMPTY).map((bytes) -> {
					if (isError(response)) {
						throw error(response, bytes, errors);
					}
					this.headroom.read(deployment.id(), response.responseHeaders());
					return bytes;
				});
			})
			.flux()).single().onErrorMap((error) -> TransportErrors.map(error, deployment, false));
	}

	/**
	 * Any request (GET, DELETE, or a POST of any body) answered with its 2xx body, for
	 * the Files and Batch APIs.
	 * @param deployment who is called
	 * @param method the HTTP method
	 * @param url the full URL
	 * @param headers the provider's own headers
	 * @param contentType the body's media type, null without a body
	 * @param body the body, sent chunked as read; null without one
	 * @param errors how the provider's errors read
	 * @return the response body
	 */
	public Mono<byte[]> exchange(Deployment deployment, String method, String url, Map<String, String> headers,
			@Nullable String contentType, @Nullable Flux<byte[]> body, ProviderErrors errors) {
		URI uri = this.urls.parse(url);
		return Mono.defer(() -> this.http.request(HttpMethod.valueOf(method))
			.uri((uri != null) ? uri.toString() : url)
			.send((request, out) -> {
				if (contentType != null) {
					request.header(HttpHeaderNames.CONTENT_TYPE, contentType);
					request.header(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
				}
				headers(request, deployment, headers);
				request.responseTimeout(deployment.timeout());
				return (body != null) ? out.sendByteArray(body) : out;
			})
			.responseSingle((response, content) -> content.asByteArray().defaultIfEmpty(EMPTY).map((bytes) -> {
				if (isError(response)) {
					throw error(response, bytes, errors);
				}
				return bytes;
			}))).onErrorMap((error) -> TransportErrors.map(error, deployment, false));
	}

	/**
	 * A GET whose 2xx body is relayed as it arrives, never held whole (a batch's output
	 * file may be hundreds of megabytes); an error status is the provider's error before
	 * any byte.
	 * @param deployment who is called
	 * @param url the full URL
	 * @param headers the provider's own headers
	 * @param errors how the provider's errors read
	 * @return the body, piece by piece
	 */
	public Flux<byte[]> download(Deployment deployment, String url, Map<String, String> headers,
			ProviderErrors errors) {
		URI uri = this.urls.parse(url);
		return Flux.defer(() -> this.http.request(HttpMethod.GET)
			.uri((uri != null) ? uri.toString() : url)
			.send((request, out) -> {
				headers(request, deployment, headers);
				request.responseTimeout(deployment.streamTimeout());
				return out;
			})
			.response((response, content) -> {
				if (isError(response)) {
					return failure(response, content, errors);
				}
				// copied inside map: Reactor Netty releases each buffer once onNext
				// returns
				return content.map(ByteBufUtil::getBytes);
			})).onErrorMap((error) -> TransportErrors.map(error, deployment, true));
	}

	/**
	 * Posts a multipart form as its parts are read (chunked: an upload's length is not
	 * known before it has been read) and answers the 2xx response body.
	 * @param deployment who is called
	 * @param url the full URL
	 * @param headers the provider's own headers
	 * @param boundary the form's boundary
	 * @param body the encoded form, piece by piece
	 * @param errors how the provider's errors read
	 * @return the response body
	 */
	public Mono<byte[]> postMultipart(Deployment deployment, String url, Map<String, String> headers, String boundary,
			Flux<byte[]> body, ProviderErrors errors) {
		return Mono.defer(() -> to(url).send((request, out) -> {
			request.header(HttpHeaderNames.CONTENT_TYPE, "multipart/form-data; boundary=" + boundary);
			request.header(HttpHeaderNames.ACCEPT, "application/json");
			request.header(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
			headers(request, deployment, headers);
			request.responseTimeout(deployment.timeout());
			return out.sendByteArray(body);
		}).responseSingle((response, content) -> content.asByteArray().defaultIfEmpty(EMPTY).map((bytes) -> {
			if (isError(response)) {
				throw error(response, bytes, errors);
			}
			this.headroom.read(deployment.id(), response.responseHeaders());
			return bytes;
		}))).onErrorMap((error) -> TransportErrors.map(error, deployment, false));
	}

	/**
	 * Posts {@code body} and relays the event stream through {@code translator} as the
	 * provider flushes it.
	 * @param deployment who is called
	 * @param url the full URL
	 * @param headers the provider's own headers
	 * @param body the request body
	 * @param errors how the provider's errors read
	 * @param translator provider events to OpenAI frames
	 * @return the OpenAI frames
	 */
	public Flux<byte[]> postSse(Deployment deployment, String url, Map<String, String> headers, byte[] body,
			ProviderErrors errors, StreamTranslator translator) {
		return Flux.defer(() -> postStream(deployment, url, headers, body, errors, "text/event-stream",
				new SseBodyDecoder(translator)));
	}

	/**
	 * Posts {@code body} and relays the streamed answer through {@code decoder} as the
	 * provider flushes it, for bodies that are not server-sent events (SageMaker's AWS
	 * event stream).
	 * @param deployment who is called
	 * @param url the full URL
	 * @param headers the provider's own headers
	 * @param body the request body
	 * @param errors how the provider's errors read
	 * @param accept the {@code Accept} header
	 * @param decoder the stream's bytes to OpenAI frames; one per call
	 * @return the OpenAI frames
	 */
	public Flux<byte[]> postStream(Deployment deployment, String url, Map<String, String> headers, byte[] body,
			ProviderErrors errors, String accept, StreamBodyDecoder decoder) {
		return StaleConnections.retried((answered) -> to(url)
			.send((request, out) -> send(request, out, deployment, headers, body, accept, true))
			.response((response, content) -> {
				answered.set(true);
				if (isError(response)) {
					return failure(response, content, errors);
				}
				this.headroom.read(deployment.id(), response.responseHeaders());
				// Decode inside map: Reactor Netty releases each buffer as soon as
				// onNext returns, so it must not wait in a prefetch queue.
				return content.map(decoder::decode)
					.concatMapIterable((frames) -> frames)
					.concatWith(Flux.defer(() -> Flux.fromIterable(decoder.finish())));
			})).onErrorMap((error) -> TransportErrors.map(error, deployment, true));
	}

	private HttpClient.RequestSender to(String url) {
		URI uri = this.urls.parse(url);
		return (uri != null) ? this.http.post().uri(uri) : this.http.post().uri(url);
	}

	/**
	 * The headers every provider request carries, whatever its body: the provider's own
	 * (auth, version), the deployment's {@code extra_headers}, and what a feature asked
	 * for on every provider request (a trace's {@code traceparent}).
	 */
	private static void headers(HttpClientRequest request, Deployment deployment, Map<String, String> headers) {
		headers.forEach(request::header);
		deployment.params().extraHeaders().forEach(request::header);
		OutgoingHeaders.of(request.currentContextView())
			.forEach((name, value) -> request.requestHeaders().set(name, value));
	}

	private static NettyOutbound send(HttpClientRequest request, NettyOutbound out, Deployment deployment,
			Map<String, String> headers, byte[] body, String accept, boolean streaming) {
		request.header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
		request.header(HttpHeaderNames.ACCEPT, accept);
		request.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
		headers(request, deployment, headers);
		// Reactor Netty applies this between reads of the response, so for a stream it
		// bounds the wait for the first chunk and every gap between chunks, with no timer
		// per chunk.
		request.responseTimeout(streaming ? deployment.streamTimeout() : deployment.timeout());
		return out.sendByteArray(Mono.just(body));
	}

	/**
	 * An error status's body, read whole, as the provider's error in place of a stream.
	 */
	private static <T> Flux<T> failure(HttpClientResponse response, ByteBufFlux content, ProviderErrors errors) {
		return content.aggregate()
			.asByteArray()
			.defaultIfEmpty(EMPTY)
			.flatMapMany((bytes) -> Flux.error(error(response, bytes, errors)));
	}

	private static RuntimeException error(HttpClientResponse response, byte[] bytes, ProviderErrors errors) {
		return errors.fromResponse(response.status().code(), bytes, response.responseHeaders());
	}

	private static boolean isError(HttpClientResponse response) {
		int status = response.status().code();
		return status < 200 || status >= 300;
	}

}
