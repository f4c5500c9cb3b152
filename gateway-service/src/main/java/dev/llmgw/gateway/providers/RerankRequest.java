package dev.llmgw.gateway.providers;

import java.util.List;

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

	/** The characters the call carries, for the prompt bound and estimates. */
	public long chars() {
		long chars = this.query.length();
		for (String document : this.documents) {
			chars += document.length();
		}
		return chars;
	}

}
