package dev.llmgw.fake.cohere;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.fake.directive.DirectiveParser;
import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import dev.llmgw.fake.http.Replies;
import dev.llmgw.fake.reply.RerankScores;
import dev.llmgw.fake.reply.Words;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v2/rerank}: a query and documents in, the documents' indexes and relevance
 * out, most relevant first, with one search unit billed.
 *
 * @see <a href="https://docs.cohere.com/reference/rerank">Rerank</a>
 */
public final class CohereRerankRoute implements ProviderRoute {

	private static final String PATH_SUFFIX = "/v2/rerank";

	private final FailureCounter failures;

	public CohereRerankRoute(FailureCounter failures) {
		this.failures = failures;
	}

	@Override
	public boolean matches(HttpMethod method, String path) {
		return HttpMethod.POST.equals(method) && path.endsWith(PATH_SUFFIX);
	}

	@Override
	public Mono<Void> handle(ProviderCall call) {
		HttpServerResponse response = call.response();
		JsonNode body;
		try {
			body = Json.read(call.body());
		}
		catch (JacksonException ex) {
			return CohereErrors.invalidRequest(response, "body is not valid JSON");
		}
		if (!body.isObject() || !body.path("model").isString()) {
			return CohereErrors.invalidRequest(response, "model is required");
		}
		if (!body.path("query").isString() || body.path("query").asString().isEmpty()) {
			return CohereErrors.invalidRequest(response, "query is required");
		}
		List<String> documents = new ArrayList<>();
		body.path("documents").forEach((document) -> documents.add(document.asString("")));
		if (documents.isEmpty()) {
			return CohereErrors.invalidRequest(response, "documents must be a non-empty list of strings");
		}
		String model = body.path("model").asString();
		call.countModel(model);
		Directives directives = DirectiveParser.parse(call.request().requestHeaders(), model);
		int tokens = Math.max(1, documents.stream().mapToInt(Words::count).sum());
		FakeError error = this.failures.errorFor(directives, model);
		if (error != null) {
			return Replies.after(directives.latencyMs(),
					() -> CohereErrors.send(response, error, directives.retryAfterSeconds(), tokens));
		}
		byte[] answer = Json.write((json) -> {
			json.writeStartObject();
			json.writeStringProperty("id", "fake-rerank");
			RerankScores.writeResults(json, body.path("query").asString(), documents, body.path("top_n").asInt(0));
			json.writeObjectPropertyStart("meta");
			json.writeObjectPropertyStart("api_version");
			json.writeStringProperty("version", "2");
			json.writeEndObject();
			json.writeObjectPropertyStart("billed_units");
			json.writeNumberProperty("search_units", 1);
			json.writeEndObject();
			json.writeEndObject();
			json.writeEndObject();
		});
		return Replies.after(directives.latencyMs(), () -> Replies.json(response, HttpResponseStatus.OK, answer));
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return CohereErrors.invalidToken(response);
	}

}
