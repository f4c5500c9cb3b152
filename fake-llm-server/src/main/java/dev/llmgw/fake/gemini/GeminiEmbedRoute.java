package dev.llmgw.fake.gemini;

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
import dev.llmgw.fake.reply.EmbeddingVectors;
import dev.llmgw.fake.reply.Words;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1beta/models/{model}:embedContent} and {@code :batchEmbedContents}.
 *
 * @see <a href="https://ai.google.dev/api/embeddings">Embeddings</a>
 */
public final class GeminiEmbedRoute implements ProviderRoute {

	private static final String BATCH = "batchEmbedContents";

	// gemini-embedding-001's full width, the most outputDimensionality may ask for
	private static final int MAX_DIMENSIONS = 3072;

	private final FailureCounter failures;

	public GeminiEmbedRoute(FailureCounter failures) {
		this.failures = failures;
	}

	@Override
	public boolean matches(HttpMethod method, String path) {
		return HttpMethod.POST.equals(method) && GeminiPath.matches(path, "embedContent", BATCH);
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
		boolean batch = path != null && BATCH.equals(path.method());
		List<JsonNode> requests = new ArrayList<>();
		if (batch) {
			body.path("requests").forEach(requests::add);
		}
		else {
			requests.add(body);
		}
		for (JsonNode request : requests) {
			if (!request.path("content").path("parts").isArray()) {
				return GeminiErrors.invalidArgument(response,
						"* EmbedContentRequest.content: content is not specified");
			}
		}
		if (path == null || requests.isEmpty()) {
			return GeminiErrors.invalidArgument(response, "* BatchEmbedContentsRequest.requests: requests is empty");
		}
		call.countModel(path.model());
		Directives directives = DirectiveParser.parse(call.request().requestHeaders(), path.model());
		FakeError error = this.failures.errorFor(directives, path.model());
		if (error != null) {
			int tokens = Math.max(1,
					requests.stream()
						.mapToInt((request) -> Words.count(GenerateRequest.text(request.path("content"))))
						.sum());
			return Replies.after(directives.latencyMs(),
					() -> GeminiErrors.send(response, error, directives.retryAfterSeconds(), tokens));
		}
		byte[] answer = Json.write((json) -> {
			json.writeStartObject();
			if (batch) {
				json.writeArrayPropertyStart("embeddings");
				requests.forEach((request) -> writeEmbedding(json, request));
				json.writeEndArray();
			}
			else {
				json.writeName("embedding");
				writeEmbedding(json, body);
			}
			json.writeEndObject();
		});
		return Replies.after(directives.latencyMs(), () -> Replies.json(response, HttpResponseStatus.OK, answer));
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return GeminiErrors.invalidKey(response);
	}

	private static void writeEmbedding(JsonGenerator json, JsonNode request) {
		int dimensions = request.path("outputDimensionality").asInt(EmbeddingVectors.DEFAULT_DIMENSIONS);
		float[] vector = EmbeddingVectors.of(GenerateRequest.text(request.path("content")),
				Math.max(1, Math.min(dimensions, MAX_DIMENSIONS)));
		json.writeStartObject();
		json.writeArrayPropertyStart("values");
		for (float value : vector) {
			json.writeNumber(value);
		}
		json.writeEndArray();
		json.writeEndObject();
	}

}
