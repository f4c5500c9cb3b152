package dev.llmgw.gateway.audio;

import java.util.Map;

import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.engine.CallKind;
import dev.llmgw.gateway.engine.CallPipeline;
import dev.llmgw.gateway.engine.Estimate;
import dev.llmgw.gateway.engine.ModelCall;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.StreamTally;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code POST /v1/audio/speech}: {@code model}, {@code input} (at most 4,096 characters,
 * OpenAI's limit), {@code voice}, and optionally {@code response_format} (mp3, the
 * default, opus, aac, flac, wav or pcm), {@code speed} (0.25 to 4) and
 * {@code instructions}, and {@code stream_format} ({@code sse} answers events). The audio
 * is relayed as it arrives; a failure before its first bytes is an OpenAI error with its
 * status, one after them cuts the response short.
 */
final class SpeechHandler {

	static final int MOST_CHARACTERS = 4096;

	private static final Map<String, String> MEDIA_TYPES = Map.of("mp3", "audio/mpeg", "opus", "audio/opus", "aac",
			"audio/aac", "flac", "audio/flac", "wav", "audio/wav", "pcm", "audio/pcm");

	private final JsonBodyReader bodies;

	private final CallPipeline calls;

	SpeechHandler(JsonBodyReader bodies, CallPipeline calls) {
		this.bodies = bodies;
		this.calls = calls;
	}

	Mono<ServerResponse> handle(ServerRequest request) {
		ServerWebExchange exchange = request.exchange();
		return this.bodies.readObject(exchange).flatMap((body) -> {
			String model = required(body, "model");
			String input = required(body, "input");
			if (input.length() > MOST_CHARACTERS) {
				throw new BadRequestError(
						"'input' is longer than " + MOST_CHARACTERS + " characters (" + input.length() + ")", null,
						"input");
			}
			Object voice = body.get("voice");
			if (!(voice instanceof String)
					&& !(voice instanceof Map<?, ?> custom && custom.get("id") instanceof String)) {
				throw new BadRequestError("Missing required parameter: 'voice' (a voice name, or {\"id\": ...}).", null,
						"voice");
			}
			String format = format(body.get("response_format"));
			boolean events = events(body.get("stream_format"));
			Object speed = body.get("speed");
			if (speed != null
					&& (!(speed instanceof Number number) || number.doubleValue() < 0.25 || number.doubleValue() > 4)) {
				throw new BadRequestError("Invalid 'speed': expected a number from 0.25 to 4.", null, "speed");
			}
			Object user = body.get("user");
			long characters = input.length();
			ModelCall call = new ModelCall(CallKind.SPEECH, body, model,
					ModelCall.endUser(exchange, (user instanceof String text) ? text : null), "/audio/speech",
					characters, (deployment) -> Estimate.tokens(characters / 4 + 1, 0), body);
			StreamTally tally = new StreamTally();
			return this.calls.admit(exchange, call).flatMap((deployment) -> {
				DataBufferFactory buffers = exchange.getResponse().bufferFactory();
				Flux<DataBuffer> audio = this.calls.speak(exchange, body, deployment, tally, characters)
					.map(buffers::wrap);
				// nothing is committed before the first bytes: a failure until then is an
				// error answer with its status, as for streamed chat
				return ServerResponse.ok()
					.contentType(
							events ? MediaType.TEXT_EVENT_STREAM : MediaType.parseMediaType(MEDIA_TYPES.get(format)))
					.body((message, ignored) -> message.writeWith(audio));
			});
		});
	}

	private static String required(Map<String, @Nullable Object> body, String name) {
		if (!(body.get(name) instanceof String value) || value.isEmpty()) {
			throw new BadRequestError("Missing required parameter: '" + name + "'.", null, name);
		}
		return value;
	}

	/**
	 * Whether the audio comes as server-sent events ({@code stream_format: sse}, for
	 * gpt-4o-mini-tts) rather than as the file itself ({@code audio}, the default).
	 */
	private static boolean events(@Nullable Object streamFormat) {
		if (streamFormat == null || "audio".equals(streamFormat)) {
			return false;
		}
		if ("sse".equals(streamFormat)) {
			return true;
		}
		throw new BadRequestError("Invalid 'stream_format': expected sse or audio.", null, "stream_format");
	}

	private static String format(@Nullable Object format) {
		if (format == null) {
			return "mp3";
		}
		if (!(format instanceof String name) || !MEDIA_TYPES.containsKey(name)) {
			throw new BadRequestError("Invalid 'response_format': expected mp3, opus, aac, flac, wav or pcm.", null,
					"response_format");
		}
		return name;
	}

}
