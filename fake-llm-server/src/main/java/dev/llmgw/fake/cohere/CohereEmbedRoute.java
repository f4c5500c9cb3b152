package dev.llmgw.fake.cohere;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
 * {@code POST /v2/embed}: texts in, vectors out under each requested embedding type
 * ({@code float}, {@code int8}, {@code uint8}).
 *
 * @see <a href="https://docs.cohere.com/reference/embed">Embed</a>
 */
public final class CohereEmbedRoute implements ProviderRoute {

	private static final String PATH_SUFFIX = "/v2/embed";

	private static final Set<String> TYPES = Set.of("float", "int8", "uint8");

	private final FailureCounter failures;

	public CohereEmbedRoute(FailureCounter failures) {
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
		List<String> texts = new ArrayList<>();
		body.path("texts").forEach((text) -> texts.add(text.asString("")));
		if (texts.isEmpty()) {
			return CohereErrors.invalidRequest(response, "texts must be a non-empty list of strings");
		}
		List<String> types = new ArrayList<>();
		body.path("embedding_types").forEach((type) -> types.add(type.asString("")));
		if (types.isEmpty()) {
			types.add("float");
		}
		if (!TYPES.containsAll(types)) {
			return CohereErrors.invalidRequest(response, "embedding_types must be among " + TYPES);
		}
		String model = body.path("model").asString();
		call.countModel(model);
		Directives directives = DirectiveParser.parse(call.request().requestHeaders(), model);
		int tokens = Math.max(1, texts.stream().mapToInt(Words::count).sum());
		FakeError error = this.failures.errorFor(directives, model);
		if (error != null) {
			return Replies.after(directives.latencyMs(),
					() -> CohereErrors.send(response, error, directives.retryAfterSeconds(), tokens));
		}
		int dimensions = body.path("output_dimension").asInt(EmbeddingVectors.DEFAULT_DIMENSIONS);
		byte[] answer = Json.write((json) -> {
			json.writeStartObject();
			json.writeStringProperty("id", "fake-embed");
			json.writeObjectPropertyStart("embeddings");
			for (String type : types) {
				json.writeArrayPropertyStart(type);
				texts.forEach((text) -> writeVector(json, type, EmbeddingVectors.of(text, Math.max(1, dimensions))));
				json.writeEndArray();
			}
			json.writeEndObject();
			json.writeArrayPropertyStart("texts");
			texts.forEach(json::writeString);
			json.writeEndArray();
			json.writeObjectPropertyStart("meta");
			json.writeObjectPropertyStart("api_version");
			json.writeStringProperty("version", "2");
			json.writeEndObject();
			json.writeObjectPropertyStart("billed_units");
			json.writeNumberProperty("input_tokens", tokens);
			json.writeEndObject();
			json.writeEndObject();
			json.writeStringProperty("response_type", "embeddings_by_type");
			json.writeEndObject();
		});
		return Replies.after(directives.latencyMs(), () -> Replies.json(response, HttpResponseStatus.OK, answer));
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return CohereErrors.invalidToken(response);
	}

	// the integer types quantise the unit vector's [-1, 1] range, as Cohere's do
	private static void writeVector(JsonGenerator json, String type, float[] vector) {
		json.writeStartArray();
		for (float value : vector) {
			switch (type) {
				case "int8" -> json.writeNumber(Math.round(value * 127));
				case "uint8" -> json.writeNumber(Math.round(value * 127) + 128);
				default -> json.writeNumber(value);
			}
		}
		json.writeEndArray();
	}

}
