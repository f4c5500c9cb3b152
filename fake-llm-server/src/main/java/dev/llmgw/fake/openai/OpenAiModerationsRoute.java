package dev.llmgw.fake.openai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's {@code POST /v1/moderations}: one result per input, flagged for violence when
 * its text holds {@code BLOCKME}, as the fake's guardrail reads it.
 */
public final class OpenAiModerationsRoute implements ProviderRoute {

	private static final List<String> CATEGORIES = List.of("harassment", "hate", "self-harm", "sexual", "violence");

	private static final AtomicLong SEQUENCE = new AtomicLong();

	private final FailureCounter failures;

	public OpenAiModerationsRoute(FailureCounter failures) {
		this.failures = failures;
	}

	@Override
	public boolean matches(HttpMethod method, String path) {
		return HttpMethod.POST.equals(method) && path.endsWith("/moderations");
	}

	@Override
	public Mono<Void> handle(ProviderCall call) {
		OpenAiRequest request = OpenAiRequest.read(call, this.failures, "omni-moderation-latest");
		if (request == null) {
			return OpenAiErrors.invalidJson(call.response());
		}
		if (request.error() != null) {
			return OpenAiErrors.send(call.response(), request.error(), request.directives().retryAfterSeconds(), 1);
		}
		JsonNode body = request.body();
		String model = request.model();
		List<String> texts = new ArrayList<>();
		JsonNode input = body.path("input");
		if (input.isString()) {
			texts.add(input.asString());
		}
		else {
			for (JsonNode item : input) {
				texts.add(item.isString() ? item.asString() : item.path("text").asString(""));
			}
		}
		List<Object> results = new ArrayList<>();
		for (String text : texts) {
			boolean flagged = text.contains("BLOCKME");
			Map<String, Object> categories = new LinkedHashMap<>();
			Map<String, Object> scores = new LinkedHashMap<>();
			for (String category : CATEGORIES) {
				boolean hit = flagged && category.equals("violence");
				categories.put(category, hit);
				scores.put(category, hit ? 0.97 : 0.0001);
			}
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("flagged", flagged);
			result.put("categories", categories);
			result.put("category_scores", scores);
			results.add(result);
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("id", "modr-fake-" + SEQUENCE.incrementAndGet());
		answer.put("model", dev.llmgw.fake.directive.DirectiveParser.baseModel(model));
		answer.put("results", results);
		return Replies.json(call.response(), HttpResponseStatus.OK, Json.write((json) -> json.writePOJO(answer)));
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return OpenAiErrors.invalidApiKey(response);
	}

}
