package dev.llmgw.gateway.files;

import java.time.Clock;

import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.engine.CallPipeline;
import dev.llmgw.gateway.providers.ProviderRegistry;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.storage.RowStore;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The Files and Batch routes, with and without {@code /v1} as LiteLLM serves them. */
@Configuration(proxyBeanMethods = false)
class FilesConfiguration {

	@Bean
	RouterFunction<ServerResponse> filesRoutes(JsonBodyReader bodies, CallPipeline calls, ProviderRegistry providers,
			ModelRegistry models, RowStore rows, Clock clock, JsonMapper mapper) {
		FilesHandler files = new FilesHandler(calls, providers, models, new ProviderObjects(rows, clock), mapper);
		RouterFunctions.Builder routes = RouterFunctions.route();
		for (String base : new String[] { "/v1", "" }) {
			routes.POST(base + "/files", files::upload)
				.GET(base + "/files", files::listFiles)
				.GET(base + "/files/{id}/content", files::content)
				.GET(base + "/files/{id}", files::getFile)
				.DELETE(base + "/files/{id}", files::deleteFile)
				.POST(base + "/batches", (request) -> files.createBatch(request, bodies.readObject(request.exchange())))
				.GET(base + "/batches", files::listBatches)
				.GET(base + "/batches/{id}", files::getBatch)
				.POST(base + "/batches/{id}/cancel", files::cancelBatch);
		}
		return routes.build();
	}

}
