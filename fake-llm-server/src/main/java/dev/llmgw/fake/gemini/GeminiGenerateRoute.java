package dev.llmgw.fake.gemini;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.llmgw.fake.directive.DirectiveParser;
import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.directive.ErrorKind;
import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.JsonContent;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import dev.llmgw.fake.http.Replies;
import dev.llmgw.fake.reply.Completion;
import dev.llmgw.fake.reply.ReplyText;
import dev.llmgw.fake.reply.StopReason;
import dev.llmgw.fake.reply.Words;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1beta/models/{model}:generateContent} and {@code :streamGenerateContent},
 * streamed as server-sent events with {@code alt=sse} and as one JSON array without.
 *
 * @see <a href="https://ai.google.dev/api/generate-content">Generating content</a>
 */
public final class GeminiGenerateRoute implements ProviderRoute {

	private static final String STREAM = "streamGenerateContent";

	private final AtomicLong sequence = new AtomicLong();

	private final FailureCounter failures;

	public GeminiGenerateRoute(FailureCounter failures) {
		this.failures = failures;
	}

	@Override
	public boolean matches(HttpMethod method, String path) {
		return HttpMethod.POST.equals(method) && GeminiPath.matches(path, "generateContent", STREAM);
	}

	@Override
	public Mono<Void> handle(ProviderCall call) {
		HttpServerResponse response = call.response();
		GeminiPath path = GeminiPath.parse(call.path());
		JsonNode body;
		try {
			body = Json.read(call.body());
		}
		catch (JacksonException ex) {
			return GeminiErrors.invalidArgument(response, "Invalid JSON payload received.");
		}
		if (path == null || !body.isObject() || !body.path("contents").isArray()) {
			return GeminiErrors.invalidArgument(response,
					"* GenerateContentRequest.contents: contents is not specified");
		}
		call.countModel(path.model());
		GenerateRequest request = GenerateRequest.from(body);
		Directives directives = DirectiveParser.parse(call.request().requestHeaders(), path.model());
		FakeError error = this.failures.errorFor(directives, path.model());
		int promptTokens = Math.max(1, request.promptWords());
		boolean blocked = error != null && error.kind() == ErrorKind.CONTENT_POLICY;
		if (error != null && !blocked) {
			return Replies.after(directives.latencyMs(),
					() -> GeminiErrors.send(response, error, directives.retryAfterSeconds(), promptTokens));
		}
		GenerateReply reply = reply(call, path, request, directives, blocked, promptTokens);
		if (STREAM.equals(path.method())) {
			return stream(call, reply, directives);
		}
		byte[] answer = Json.write(GenerateWriter.response(reply, reply.completion().text(), true, true));
		return Replies.after(directives.latencyMs(), () -> Replies.json(response, HttpResponseStatus.OK, answer));
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return GeminiErrors.invalidKey(response);
	}

	private GenerateReply reply(ProviderCall call, GeminiPath path, GenerateRequest request, Directives directives,
			boolean blocked, int promptTokens) {
		String functionCall = request.hasTools() ? directives.toolCall() : null;
		Completion completion = (blocked || functionCall != null) ? new Completion("", StopReason.END, null)
				: Completion.of(ReplyText.choose(directives, request.lastUserText(), call::bodyText),
						request.maxOutputTokens(), request.stopSequences());
		return new GenerateReply(this.sequence.incrementAndGet(), DirectiveParser.baseModel(path.model()), completion,
				functionCall, blocked, promptTokens);
	}

	/**
	 * One chunk per piece of text, the last with the finish reason and usage; a function
	 * call or a refusal comes whole in one chunk, as Gemini sends them.
	 */
	private static Mono<Void> stream(ProviderCall call, GenerateReply reply, Directives directives) {
		List<String> pieces = (reply.functionCall() != null || reply.blocked()) ? List.of("")
				: Words.split(reply.completion().text(), directives.chunks());
		boolean drop = directives.errorAfterChunks() >= 0 && directives.errorAfterChunks() < pieces.size();
		int count = drop ? directives.errorAfterChunks() : pieces.size();
		boolean sse = "sse".equals(call.queryParam("alt"));
		List<byte[]> frames = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			boolean last = i == pieces.size() - 1;
			JsonContent chunk = GenerateWriter.response(reply, pieces.get(i), last, last && !directives.noUsage());
			frames.add(sse ? Json.sseFrame(chunk) : Json.write(chunk));
		}
		HttpServerResponse response = call.response();
		if (!sse) {
			// without alt=sse Gemini streams one JSON array of the same responses
			return Replies.after(directives.latencyMs(),
					() -> Replies.json(response, HttpResponseStatus.OK, jsonArray(frames)));
		}
		Flux<byte[]> paced = Replies.paced(frames, directives.chunkDelayMs());
		return Replies.after(directives.latencyMs(),
				() -> drop ? Replies.eventStreamThenDrop(response, paced) : Replies.eventStream(response, paced));
	}

	private static byte[] jsonArray(List<byte[]> items) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write('[');
		for (int i = 0; i < items.size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			out.writeBytes(items.get(i));
		}
		out.write(']');
		return out.toByteArray();
	}

}
