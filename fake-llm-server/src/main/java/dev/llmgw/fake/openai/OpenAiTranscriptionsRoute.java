package dev.llmgw.fake.openai;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.fake.directive.DirectiveParser;
import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.ErrorRenderer;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.MultipartBody;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * OpenAI's {@code POST /v1/audio/transcriptions} (Azure's deployment path through
 * {@code AzureRoute}): reads the multipart form and "transcribes" the file by echoing its
 * bytes as text, {@code You said: <file>}; the audio lasts a second per 100 bytes. The
 * answer follows {@code response_format} (json with whisper's duration usage,
 * verbose_json, or text), and {@code fields} in JSON answers lists the form's other
 * fields as received, so tests can see what the gateway forwarded.
 */
public final class OpenAiTranscriptionsRoute implements ProviderRoute {

	private final FailureCounter failures;

	private final ErrorRenderer errors;

	public OpenAiTranscriptionsRoute(FailureCounter failures) {
		this(failures, OpenAiErrors::send);
	}

	public OpenAiTranscriptionsRoute(FailureCounter failures, ErrorRenderer errors) {
		this.failures = failures;
		this.errors = errors;
	}

	@Override
	public boolean matches(HttpMethod method, String path) {
		return HttpMethod.POST.equals(method) && path.endsWith("/audio/transcriptions");
	}

	@Override
	public Mono<Void> handle(ProviderCall call) {
		List<MultipartBody.Part> parts = MultipartBody.parse(call.body(),
				call.request().requestHeaders().get(HttpHeaderNames.CONTENT_TYPE));
		if (parts.isEmpty()) {
			return OpenAiErrors.invalidRequest(call.response(), "expected multipart/form-data", "file");
		}
		Map<String, String> fields = new LinkedHashMap<>();
		byte[] file = null;
		String filename = null;
		for (MultipartBody.Part part : parts) {
			if ("file".equals(part.name())) {
				file = part.content();
				filename = part.filename();
			}
			else {
				fields.merge(String.valueOf(part.name()), part.text(), (a, b) -> a + "," + b);
			}
		}
		String model = OpenAiPaths.deployment(call.path()) != null ? OpenAiPaths.deployment(call.path())
				: fields.getOrDefault("model", "whisper-1");
		call.countModel(model);
		Directives directives = DirectiveParser.parse(call.request().requestHeaders(), model);
		FakeError error = this.failures.errorFor(directives, model);
		if (error != null) {
			return this.errors.send(call.response(), error, directives.retryAfterSeconds(), 1);
		}
		if (file == null) {
			return OpenAiErrors.invalidRequest(call.response(), "file is required", "file");
		}
		String text = "You said: " + new String(file, StandardCharsets.UTF_8);
		double seconds = file.length / 100.0;
		String format = fields.getOrDefault("response_format", "json");
		if (format.equals("text") || format.equals("srt") || format.equals("vtt")) {
			call.response().status(HttpResponseStatus.OK).header(HttpHeaderNames.CONTENT_TYPE, "text/plain");
			return call.response().sendString(Mono.just(text + "\n")).then();
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		if (format.equals("verbose_json")) {
			answer.put("task", "transcribe");
			answer.put("language", "english");
			answer.put("duration", seconds);
			answer.put("text", text);
			answer.put("segments", List.of());
		}
		else {
			answer.put("text", text);
			answer.put("usage", Map.of("type", "duration", "seconds", seconds));
		}
		answer.put("fields", fields);
		answer.put("filename", filename);
		return Replies.json(call.response(), HttpResponseStatus.OK, Json.write((json) -> json.writePOJO(answer)));
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return OpenAiErrors.invalidApiKey(response);
	}

}
