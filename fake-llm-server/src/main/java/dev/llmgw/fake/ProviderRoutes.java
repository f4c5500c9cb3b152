package dev.llmgw.fake;

import java.util.List;

import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.http.ProviderRoute;
import dev.llmgw.fake.openai.OpenAiChatRoute;
import dev.llmgw.fake.openai.OpenAiEmbeddingsRoute;
import dev.llmgw.fake.openai.OpenAiModelsRoute;

/**
 * The route table: each provider package contributes its routes here, tried in order.
 */
final class ProviderRoutes {

	private ProviderRoutes() {
	}

	static List<ProviderRoute> all(FailureCounter failures) {
		return List.of(new OpenAiChatRoute(failures), new OpenAiEmbeddingsRoute(failures),
				new OpenAiModelsRoute(failures));
	}

}
