package dev.llmgw.gateway.providers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A rerank call as LiteLLM's {@code /rerank} takes it (Cohere's shape): a query, the
 * documents' texts, how many to return and whether to return their text.
 *
 * @param model the model group
 * @param query what the documents are ranked against
 * @param documents the documents' texts, in the caller's order
 * @param topN how many to return, all when null
 * @param returnDocuments whether each result carries its document's text
 */
public record RerankRequest(String model, String query, List<String> documents, @Nullable Integer topN,
		boolean returnDocuments) {

	public RerankRequest {
		documents = List.copyOf(documents);
	}

	/**
	 * The body Cohere's rerank API and Bedrock's rerank models both take.
	 * @param providerModel the model to name in it, null for a provider that names it
	 * elsewhere (Bedrock's URL)
	 * @return {@code model}, {@code query}, {@code documents} and {@code top_n} when set
	 */
	public Map<String, Object> providerBody(@Nullable String providerModel) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (providerModel != null) {
			body.put("model", providerModel);
		}
		body.put("query", this.query);
		body.put("documents", this.documents);
		if (this.topN != null) {
			body.put("top_n", this.topN);
		}
		return body;
	}

	/** The characters the call carries, for the prompt bound and estimates. */
	public long chars() {
		long chars = this.query.length();
		for (String document : this.documents) {
			chars += document.length();
		}
		return chars;
	}

}
