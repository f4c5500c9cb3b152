package dev.llmgw.gateway.providers.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.providers.ChatProvider;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.EmbeddingCall;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.SseEvent;
import dev.llmgw.gateway.providers.SseFrameDecoder;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.providers.TransportErrors;
import dev.llmgw.gateway.providers.UpstreamClient;
import dev.llmgw.gateway.routing.Deployment;
import dev.llmgw.model.openai.Usage;
import dev.llmgw.model.openai.UsageEnvelope;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.NettyOutbound;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls OpenAI-compatible chat completions endpoints. Non-streaming bodies pass through
 * byte for byte (usage is read on the side); streams pass through chunk by chunk as the
 * provider flushes them.
 */
public final class OpenAiCompatibleProvider implements ChatProvider {

	private static final byte[] EMPTY = new byte[0];

	private final HttpClient http;

	private final JsonMapper mapper;

	private final OpenAiRequestTranslator translator;

	private final OpenAiErrorMapper errors;

	public OpenAiCompatibleProvider(UpstreamClient client, JsonMapper mapper) {
		this.http = client.httpClient();
		this.mapper = mapper;
		this.translator = new OpenAiRequestTranslator(mapper);
		this.errors = new OpenAiErrorMapper(mapper);
	}

	@Override
	public Mono<ChatResult> complete(ProviderCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> {
			OpenAiEndpoint endpoint = OpenAiEndpoint.chatCompletions(deployment);
			byte[] body = this.translator.toProviderBody(call.request(), deployment, false);
			return this.http.post()
				.uri(endpoint.url())
				.send((request, out) -> send(request, out, endpoint, deployment, body, false))
				.responseSingle((response, content) -> content.asByteArray()
					.defaultIfEmpty(EMPTY)
					.map((bytes) -> result(response, bytes, deployment)));
		}).onErrorMap((error) -> TransportErrors.map(error, deployment, false));
	}

	@Override
	public Mono<ChatResult> embed(EmbeddingCall call) {
		Deployment deployment = call.deployment();
		return Mono.defer(() -> {
			OpenAiEndpoint endpoint = OpenAiEndpoint.embeddings(deployment);
			byte[] body = this.mapper.writeValueAsBytes(call.request().withModel(deployment.providerModel()));
			return this.http.post()
				.uri(endpoint.url())
				.send((request, out) -> send(request, out, endpoint, deployment, body, false))
				.responseSingle((response, content) -> content.asByteArray()
					.defaultIfEmpty(EMPTY)
					.map((bytes) -> result(response, bytes, deployment)));
		}).onErrorMap((error) -> TransportErrors.map(error, deployment, false));
	}

	@Override
	public Flux<byte[]> stream(ProviderCall call, StreamTally tally) {
		Deployment deployment = call.deployment();
		return Flux.defer(() -> {
			OpenAiEndpoint endpoint = OpenAiEndpoint.chatCompletions(deployment);
			byte[] body = this.translator.toProviderBody(call.request(), deployment,
					deployment.provider().streamUsage());
			OpenAiStreamRelay relay = new OpenAiStreamRelay(this.mapper, call.request().wantsUsageInStream(), tally);
			SseFrameDecoder decoder = new SseFrameDecoder();
			return this.http.post()
				.uri(endpoint.url())
				.send((request, out) -> send(request, out, endpoint, deployment, body, true))
				.response((response, content) -> {
					if (isError(response)) {
						return content.aggregate()
							.asByteArray()
							.defaultIfEmpty(EMPTY)
							.flatMapMany((bytes) -> Flux.error(error(response, bytes, deployment)));
					}
					// Decode inside map: Reactor Netty releases each buffer as soon as
					// onNext returns, so it must
					// not wait in a prefetch queue.
					return content.map((buffer) -> relayAll(decoder.decode(buffer), relay))
						.concatMapIterable((frames) -> frames)
						.concatWith(Flux.defer(() -> finish(decoder, relay)));
				});
		}).onErrorMap((error) -> TransportErrors.map(error, deployment, true));
	}

	private NettyOutbound send(HttpClientRequest request, NettyOutbound out, OpenAiEndpoint endpoint,
			Deployment deployment, byte[] body, boolean streaming) {
		request.header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
		request.header(HttpHeaderNames.ACCEPT, streaming ? "text/event-stream" : "application/json");
		request.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
		if (endpoint.authorization() != null) {
			request.header(HttpHeaderNames.AUTHORIZATION, endpoint.authorization());
		}
		for (Map.Entry<String, String> header : deployment.params().extraHeaders().entrySet()) {
			request.header(header.getKey(), header.getValue());
		}
		// Reactor Netty applies this between reads of the response, so for a stream it
		// bounds the wait for the
		// first chunk and every gap between chunks, with no timer per chunk.
		request.responseTimeout(streaming ? deployment.streamTimeout() : deployment.timeout());
		return out.sendByteArray(Mono.just(body));
	}

	private ChatResult result(HttpClientResponse response, byte[] bytes, Deployment deployment) {
		if (isError(response)) {
			throw error(response, bytes, deployment);
		}
		try {
			UsageEnvelope envelope = this.mapper.readValue(bytes, UsageEnvelope.class);
			return new ChatResult(bytes, (envelope.usage() != null) ? envelope.usage() : Usage.NONE);
		}
		catch (JacksonException ex) {
			throw new UpstreamError(502, "api_error", "litellm.BadGatewayError: " + deployment.provider().name()
					+ " returned a body that is not a chat completion", null);
		}
	}

	private RuntimeException error(HttpClientResponse response, byte[] bytes, Deployment deployment) {
		String retryAfter = response.responseHeaders().get("Retry-After");
		return this.errors.map(response.status().code(), bytes, retryAfter, deployment.provider().name());
	}

	private static boolean isError(HttpClientResponse response) {
		int status = response.status().code();
		return status < 200 || status >= 300;
	}

	private static List<byte[]> relayAll(List<SseEvent> events, OpenAiStreamRelay relay) {
		if (events.isEmpty()) {
			return List.of();
		}
		List<byte[]> frames = new ArrayList<>(events.size());
		for (SseEvent event : events) {
			byte[] frame = relay.relay(event);
			if (frame != null) {
				frames.add(frame);
			}
		}
		return frames;
	}

	private static Flux<byte[]> finish(SseFrameDecoder decoder, OpenAiStreamRelay relay) {
		SseEvent last = decoder.finish();
		byte @Nullable [] lastFrame = (last != null) ? relay.relay(last) : null;
		byte @Nullable [] done = relay.finish();
		if (lastFrame != null && done != null) {
			return Flux.just(lastFrame, done);
		}
		byte @Nullable [] only = (lastFrame != null) ? lastFrame : done;
		return (only != null) ? Flux.just(only) : Flux.empty();
	}

}
