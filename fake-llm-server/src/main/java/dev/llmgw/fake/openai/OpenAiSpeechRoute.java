package dev.llmgw.fake.openai;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.http.ErrorRenderer;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's {@code POST /v1/audio/speech} (Azure's deployment path through
 * {@code AzureRoute}): "audio" that tests can read back,
 * {@code FAKEAUDIO|<format>|<voice>|} and the input's UTF-8 bytes, sent in four pieces
 * (paced by {@code chunk_delay_ms}).
 */
public final class OpenAiSpeechRoute implements ProviderRoute {

	private final FailureCounter failures;

	private final ErrorRenderer errors;

	public OpenAiSpeechRoute(FailureCounter failures) {
		this(failures, OpenAiErrors::send);
	}

	public OpenAiSpeechRoute(FailureCounter failures, ErrorRenderer errors) {
		this.failures = failures;
		this.errors = errors;
	}

	@Override
	public boolean matches(HttpMethod method, String path) {
		return HttpMethod.POST.equals(method) && path.endsWith("/audio/speech");
	}

	@Override
	public Mono<Void> handle(ProviderCall call) {
		OpenAiRequest request = OpenAiRequest.read(call, this.failures, OpenAiPaths.DEFAULT_MODEL);
		if (request == null) {
			return OpenAiErrors.invalidJson(call.response());
		}
		Directives directives = request.directives();
		if (request.error() != null) {
			return this.errors.send(call.response(), request.error(), directives.retryAfterSeconds(), 1);
		}
		JsonNode body = request.body();
		if (!body.path("input").isString() || !body.has("voice")) {
			return OpenAiErrors.invalidRequest(call.response(), "input and voice are required", "input");
		}
		String format = body.path("response_format").asString("mp3");
		String voice = body.path("voice").isString() ? body.path("voice").asString()
				: body.path("voice").path("id").asString();
		byte[] audio = ("FAKEAUDIO|" + format + "|" + voice + "|" + body.path("input").asString())
			.getBytes(StandardCharsets.UTF_8);
		List<byte[]> pieces = new ArrayList<>();
		int size = Math.max(1, (audio.length + 3) / 4);
		for (int start = 0; start < audio.length; start += size) {
			pieces.add(java.util.Arrays.copyOfRange(audio, start, Math.min(audio.length, start + size)));
		}
		return Replies.after(directives.latencyMs(),
				() -> Replies.stream(call.response(), "audio/mpeg", Replies.paced(pieces, directives.chunkDelayMs())));
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return OpenAiErrors.invalidApiKey(response);
	}

}
