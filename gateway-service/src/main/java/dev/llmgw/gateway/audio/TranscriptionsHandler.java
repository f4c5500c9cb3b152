package dev.llmgw.gateway.audio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.api.MultipartUpload;
import dev.llmgw.gateway.engine.CallKind;
import dev.llmgw.gateway.engine.CallPipeline;
import dev.llmgw.gateway.engine.Estimate;
import dev.llmgw.gateway.engine.ModelCall;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.TranscriptionCall;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code POST /v1/audio/transcriptions}: OpenAI's multipart form ({@code file},
 * {@code model}, and {@code language}, {@code prompt}, {@code response_format},
 * {@code temperature}, {@code timestamp_granularities[]}, ...). The upload is spooled to
 * a temporary file by Spring's multipart reader as it arrives (the OpenAI SDKs may send
 * {@code model} after the file, so the deployment is not known before it is read whole),
 * and sent on from there, read anew for each attempt; every other field goes on as
 * written. The answer is the provider's: JSON, or text for {@code text}, {@code srt} and
 * {@code vtt}.
 */
final class TranscriptionsHandler {

	private static final Set<String> TEXT_FORMATS = Set.of("text", "srt", "vtt");

	private static final Set<String> FORMATS = Set.of("json", "verbose_json", "text", "srt", "vtt", "diarized_json");

	private final CallPipeline calls;

	TranscriptionsHandler(CallPipeline calls) {
		this.calls = calls;
	}

	Mono<ServerResponse> handle(ServerRequest request) {
		ServerWebExchange exchange = request.exchange();
		if (!MultipartUpload.isForm(request.headers().contentType().orElse(null))) {
			return Mono.error(new BadRequestError("Send the audio as multipart/form-data, with 'file' and 'model'.",
					null, "file"));
		}
		return MultipartUpload.withForm(request, (parts) -> Mono.defer(() -> {
			MultipartUpload file = MultipartUpload.of(parts, "audio file");
			List<Map.Entry<String, String>> fields = file.fields();
			Map<String, @Nullable Object> described = new LinkedHashMap<>();
			fields.forEach((field) -> described.putIfAbsent(field.getKey(), field.getValue()));
			if (!(described.get("model") instanceof String model) || model.isBlank()) {
				throw new BadRequestError("Missing required parameter: 'model'.", null, "model");
			}
			String format = (described.get("response_format") instanceof String given) ? given : "json";
			if (!FORMATS.contains(format)) {
				throw new BadRequestError(
						"Invalid 'response_format': expected json, verbose_json, text, srt, vtt or diarized_json.",
						null, "response_format");
			}
			if ("true".equalsIgnoreCase(String.valueOf(described.get("stream")))) {
				throw new BadRequestError(
						"Streamed transcriptions are not supported by the gateway: leave out 'stream'.", null,
						"stream");
			}
			described.put("filename", file.filename());
			Object user = described.get("user");
			ModelCall call = new ModelCall(CallKind.TRANSCRIPTION, described, model,
					ModelCall.endUser(exchange, (user instanceof String text) ? text : null), "/audio/transcriptions",
					0, (deployment) -> Estimate.tokens(1, 0), described);
			String contentType = file.contentType();
			return this.calls.admit(exchange, call)
				.flatMap((deployment) -> this.calls.transcribe(exchange, deployment,
						(chosen, callId) -> new TranscriptionCall(chosen, fields, file.filename(), contentType,
								file.bytes(), callId)))
				.flatMap((result) -> ServerResponse.ok()
					.contentType(TEXT_FORMATS.contains(format) ? MediaType.TEXT_PLAIN : MediaType.APPLICATION_JSON)
					.bodyValue(result.body()));
		}));
	}

}
