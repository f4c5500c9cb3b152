package dev.llmgw.gateway.routes;

import dev.llmgw.gateway.engine.CacheStage;
import dev.llmgw.gateway.api.ChatCompletionsHandler;
import dev.llmgw.gateway.api.EmbeddingsHandler;
import dev.llmgw.gateway.api.RerankHandler;
import dev.llmgw.gateway.api.ErrorBodies;
import dev.llmgw.gateway.api.HealthHandler;
import dev.llmgw.gateway.api.ImagesHandler;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.api.ModelsHandler;
import dev.llmgw.gateway.api.RouteMethods;
import dev.llmgw.gateway.completions.CompletionsHandler;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.engine.CallPipeline;
import dev.llmgw.gateway.messages.AnthropicErrorBodies;
import dev.llmgw.gateway.messages.MessagesHandler;
import dev.llmgw.gateway.pricing.PriceMap;
import dev.llmgw.gateway.providers.ProviderRegistry;
import dev.llmgw.gateway.ratelimit.RateLimiter;
import dev.llmgw.gateway.ratelimit.RedisRateLimiter;
import dev.llmgw.gateway.redis.SharedRedisProvider;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.routing.Router;
import dev.llmgw.gateway.web.MiddlewarePaths;
import dev.llmgw.storage.Database;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;

/**
 * The OpenAI-compatible route table, with the same aliases LiteLLM answers on (with and
 * without {@code /v1}, and Azure's deployment paths). Chat routes step aside for requests
 * that go on to the middleware.
 */
@Configuration(proxyBeanMethods = false)
public class ApiRoutes {

	@Bean
	AnthropicErrorBodies anthropicErrorBodies(JsonMapper mapper) {
		return new AnthropicErrorBodies(mapper);
	}

	@Bean
	OpenAiErrorHandler openAiErrorHandler(ErrorBodies errorBodies, AnthropicErrorBodies anthropicErrorBodies,
			ObjectProvider<RouterFunction<?>> routes) {
		return new OpenAiErrorHandler(errorBodies, anthropicErrorBodies,
				new RouteMethods(() -> routes.orderedStream().toList()));
	}

	@Bean
	ChatCompletionsHandler chatCompletionsHandler(JsonBodyReader bodies, CallPipeline calls, ErrorBodies errors) {
		return new ChatCompletionsHandler(bodies, calls, errors);
	}

	@Bean
	MessagesHandler messagesHandler(JsonBodyReader bodies, CallPipeline calls, JsonMapper mapper,
			AnthropicErrorBodies errors) {
		return new MessagesHandler(bodies, calls, mapper, errors);
	}

	@Bean
	CompletionsHandler completionsHandler(JsonBodyReader bodies, CallPipeline calls, ErrorBodies errors,
			JsonMapper mapper) {
		return new CompletionsHandler(bodies, calls, errors, mapper);
	}

	@Bean
	ImagesHandler imagesHandler(JsonBodyReader bodies, CallPipeline calls, PriceMap prices) {
		return new ImagesHandler(bodies, calls, prices);
	}

	@Bean
	EmbeddingsHandler embeddingsHandler(JsonBodyReader bodies, CallPipeline calls) {
		return new EmbeddingsHandler(bodies, calls);
	}

	@Bean
	RerankHandler rerankHandler(JsonBodyReader bodies, CallPipeline calls, JsonMapper mapper) {
		return new RerankHandler(bodies, calls, mapper);
	}

	@Bean
	ModelsHandler modelsHandler(ModelRegistry models, JsonMapper mapper) {
		return new ModelsHandler(models, mapper);
	}

	@Bean
	HealthHandler healthHandler(ModelRegistry models, ProviderRegistry providers, Database database,
			SharedRedisProvider redis, GatewayConfig config, RateLimiter rateLimiter, PriceMap prices,
			CacheStage cache) {
		return new HealthHandler(models, providers, database, redis.get(), config.litellmSettings().successCallback(),
				(rateLimiter instanceof RedisRateLimiter limiter) ? limiter::failOpenCount : () -> 0L, prices, cache);
	}

	/**
	 * The model calls' own handler mapping, asked before Spring's, which holds every
	 * route table. Spring composes the tables into one route function, a level of
	 * operators for each table (about twenty); a request matched in the first table still
	 * passed through all of them, and Reactor's context lookups from inside (each
	 * cancelled search of a table) walked the whole chain: about a twentieth of a cache
	 * hit's event loop time. Here the model calls match at the top. Spring's mapping
	 * still holds this table too, behind it, which changes nothing.
	 */
	@Bean
	RouterFunctionMapping openAiRouteMapping(@Qualifier("openAiRoutes") RouterFunction<ServerResponse> openAiRoutes,
			ServerCodecConfigurer codecs) {
		RouterFunctionMapping mapping = new RouterFunctionMapping(openAiRoutes);
		mapping.setMessageReaders(codecs.getReaders());
		// Spring's own route mapping is -1
		mapping.setOrder(-2);
		return mapping;
	}

	/**
	 * First of the route tables: every request is matched against the tables in order,
	 * and the model calls, which are nearly all requests, should not be tried against
	 * every admin route first (that matching was a twentieth of a cache hit's time).
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> openAiRoutes(ChatCompletionsHandler chat, MessagesHandler messages,
			CompletionsHandler completions, ImagesHandler images, EmbeddingsHandler embeddings, RerankHandler rerank,
			ModelsHandler models, HealthHandler health, MiddlewarePaths middlewarePaths) {
		RequestPredicate staysHere = (request) -> !middlewarePaths.routesToMiddleware(request.exchange());
		return RouterFunctions.route()
			.POST("/v1/chat/completions", staysHere, chat::handle)
			.POST("/chat/completions", staysHere, chat::handle)
			.POST("/openai/deployments/{model}/chat/completions", chat::handle)
			.POST("/engines/{model}/chat/completions", chat::handle)
			.POST("/v1/completions", completions::handle)
			.POST("/completions", completions::handle)
			.POST("/openai/deployments/{model}/completions", completions::handle)
			.POST("/engines/{model}/completions", completions::handle)
			.POST("/v1/images/generations", images::handle)
			.POST("/images/generations", images::handle)
			.POST("/openai/deployments/{model}/images/generations", images::handle)
			.POST("/v1/messages", messages::handle)
			.POST("/v1/messages/count_tokens", messages::countTokens)
			.POST("/anthropic/v1/messages", messages::handle)
			.POST("/v1/embeddings", embeddings::handle)
			.POST("/embeddings", embeddings::handle)
			.POST("/openai/deployments/{model}/embeddings", embeddings::handle)
			.POST("/engines/{model}/embeddings", embeddings::handle)
			.POST("/v1/rerank", rerank::handle)
			.POST("/rerank", rerank::handle)
			.POST("/v2/rerank", rerank::handle)
			.GET("/v1/models", models::list)
			.GET("/models", models::list)
			.GET("/v1/models/{*model}", models::get)
			.GET("/models/{*model}", models::get)
			.GET("/health/liveliness", health::liveliness)
			.GET("/health/liveness", health::liveliness)
			.GET("/health/readiness", health::readiness)
			.GET("/health", health::health)
			.build();
	}

}
