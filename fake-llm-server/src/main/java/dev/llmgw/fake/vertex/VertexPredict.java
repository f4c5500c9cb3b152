package dev.llmgw.fake.vertex;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.fake.directive.DirectiveParser;
import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.gemini.GeminiErrors;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.Replies;
import dev.llmgw.fake.reply.EmbeddingVectors;
import dev.llmgw.fake.reply.Words;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code :predict} for Vertex AI's text embedding models ({@code text-embedding-004},
 * {@code textembedding-gecko}, ...): {@code {"instances": [{"content"}], "parameters":
 * {"outputDimensionality"}}} answered with one {@code {"embeddings": {"values",
 * "statistics": {"token_count", "truncated"}}}} per instance, and the billable characters
 * in {@code metadata}.
 *
 * @see <a href=
 * "https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api">Text
 * embeddings API</a>
 */
final class VertexPredict {

	// text-embedding-004's full width, the most outputDimensionality may ask for
	private static final int MAX_DIMENSIONS = 768;

	private final FailureCounter failures;

	VertexPredict(FailureCounter failures) {
		this.failures = failures;
	}

	Mono<Void> handle(ProviderCall call, VertexPath path) {
		HttpServerResponse response = call.response();
		JsonNode body;
		try {
			body = Json.read(call.body());
		}
		catch (JacksonException ex) {
			return GeminiErrors.invalidArgument(response, "Invalid JSON payload received.");
		}
		List<String> contents = new ArrayList<>();
		for (JsonNode instance : body.path("instances")) {
			if (!instance.path("content").isString()) {
				return GeminiErrors.invalidArgument(response, "content must be a string in every instance.");
			}
			contents.add(instance.path("content").stringValue());
		}
		if (contents.isEmpty()) {
			return GeminiErrors.invalidArgument(response, "instances must not be empty.");
		}
		call.countModel(path.model());
		Directives directives = DirectiveParser.parse(call.request().requestHeaders(), path.model());
		FakeError error = this.failures.errorFor(directives, path.model());
		if (error != null) {
			int tokens = Math.max(1, contents.stream().mapToInt(Words::count).sum());
			return Replies.after(directives.latencyMs(),
					() -> GeminiErrors.send(response, error, directives.retryAfterSeconds(), tokens));
		}
		int dimensions = Math.max(1, Math.min(MAX_DIMENSIONS,
				body.path("parameters").path("outputDimensionality").asInt(EmbeddingVectors.DEFAULT_DIMENSIONS)));
		byte[] answer = Json.write((json) -> {
			json.writeStartObject();
			json.writeArrayPropertyStart("predictions");
			for (String content : contents) {
				json.writeStartObject();
				json.writeObjectPropertyStart("embeddings");
				json.writeObjectPropertyStart("statistics");
				json.writeNumberProperty("token_count", Math.max(1, Words.count(content)));
				json.writeBooleanProperty("truncated", false);
				json.writeEndObject();
				json.writeArrayPropertyStart("values");
				for (float value : EmbeddingVectors.of(content, dimensions)) {
					json.writeNumber(value);
				}
				json.writeEndArray();
				json.writeEndObject();
				json.writeEndObject();
			}
			json.writeEndArray();
			json.writeObjectPropertyStart("metadata");
			json.writeNumberProperty("billableCharacterCount",
					contents.stream().mapToInt((content) -> content.replaceAll("\\s", "").length()).sum());
			json.writeEndObject();
			json.writeEndObject();
		});
		return Replies.after(directives.latencyMs(), () -> Replies.json(response, HttpResponseStatus.OK, answer));
	}

}
