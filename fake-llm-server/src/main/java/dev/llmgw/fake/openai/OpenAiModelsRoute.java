package dev.llmgw.fake.openai;

import java.util.List;

import dev.llmgw.fake.directive.DirectiveParser;
import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * {@code GET /v1/models}: a fixed list, encoded once; steered by {@code x-fake-*} headers
 * only.
 *
 * @see <a href="https://platform.openai.com/docs/api-reference/models/list">List
 * models</a>
 */
public final class OpenAiModelsRoute implements ProviderRoute {

	static final List<String> MODELS = List.of(OpenAiPaths.DEFAULT_MODEL, "fake-embedding", "gpt-4o", "gpt-4o-mini",
			"text-embedding-3-small");

	private static final long CREATED = 1700000000L;

	private static final byte[] BODY = Json.write((json) -> {
		json.writeStartObject();
		json.writeStringProperty("object", "list");
		json.writeArrayPropertyStart("data");
		for (String model : MODELS) {
			json.writeStartObject();
			json.writeStringProperty("id", model);
			json.writeStringProperty("object", "model");
			json.writeNumberProperty("created", CREATED);
			json.writeStringProperty("owned_by", "fake");
			json.writeEndObject();
		}
		json.writeEndArray();
		json.writeEndObject();
	});

	private final FailureCounter failures;

	public OpenAiModelsRoute(FailureCounter failures) {
		this.failures = failures;
	}

	@Override
	public boolean matches(HttpMethod method, String path) {
		return HttpMethod.GET.equals(method) && (path.equals("/v1/models") || path.equals("/models"));
	}

	@Override
	public Mono<Void> handle(ProviderCall call) {
		// no model to carry directives here, so only headers steer this route
		Directives directives = DirectiveParser.parse(call.request().requestHeaders(), null);
		FakeError error = this.failures.errorFor(directives, "");
		if (error != null) {
			return Replies.after(directives.latencyMs(),
					() -> OpenAiErrors.send(call.response(), error, directives.retryAfterSeconds(), 1));
		}
		return Replies.after(directives.latencyMs(), () -> Replies.json(call.response(), HttpResponseStatus.OK, BODY));
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return OpenAiErrors.invalidApiKey(response);
	}

}
