package dev.llmgw.gateway.providers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.model.openai.Usage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rerank answer in LiteLLM's shape, whatever the provider said: {@code {"id",
 * "results": [{"index", "relevance_score", "document": {"text"}}], "meta":
 * {"billed_units": {"search_units"}}}}, most relevant first, at most {@code top_n}, with
 * the documents' text only when asked for. The search units go in the usage's
 * {@code search_units}, for the price per query.
 */
public final class RerankAnswer {

	/** The usage field that carries the search units billed. */
	public static final String SEARCH_UNITS = "search_units";

	private RerankAnswer() {
	}

	/**
	 * @param mapper writes the answer
	 * @param call what was asked
	 * @param results the provider's results: each with {@code index} and
	 * {@code relevance_score} (or {@code relevanceScore})
	 * @param searchUnits the units the provider billed, 1 when it did not say
	 * @return the answer and its usage
	 */
	public static ChatResult of(JsonMapper mapper, RerankCall call, JsonNode results, long searchUnits) {
		RerankRequest request = call.request();
		List<Map<String, Object>> ranked = new ArrayList<>();
		for (JsonNode result : results) {
			int index = result.path("index").asInt(-1);
			if (index < 0 || index >= request.documents().size()) {
				continue;
			}
			double score = result.has("relevance_score") ? result.path("relevance_score").asDouble()
					: result.path("relevanceScore").asDouble();
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("index", index);
			item.put("relevance_score", score);
			if (request.returnDocuments()) {
				item.put("document", Map.of("text", request.documents().get(index)));
			}
			ranked.add(item);
		}
		ranked.sort(Comparator.comparingDouble((Map<String, Object> item) -> (double) item.get("relevance_score"))
			.reversed());
		List<Map<String, Object>> kept = (request.topN() != null && request.topN() < ranked.size())
				? ranked.subList(0, request.topN()) : ranked;
		long units = Math.max(1, searchUnits);
		long tokens = Math.max(1, request.chars() / 4);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("id", call.callId());
		answer.put("results", kept);
		answer.put("meta", Map.of("billed_units", Map.of(SEARCH_UNITS, units), "tokens",
				Map.of("input_tokens", tokens, "output_tokens", 0)));
		return new ChatResult(mapper.writeValueAsBytes(answer),
				new Usage(tokens, 0, tokens, Map.of(SEARCH_UNITS, units)));
	}

}
