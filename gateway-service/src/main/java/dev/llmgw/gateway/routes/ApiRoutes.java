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
import org.springframework.web.reactive.function.server.HandlerFunction;
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
		HandlerFunction<ServerResponse> chatCall = new NamedHandler("chat completions", chat::handle);
		HandlerFunction<ServerResponse> completion = new NamedHandler("completions", completions::handle);
		HandlerFunction<ServerResponse> image = new NamedHandler("image generations", images::handle);
		HandlerFunction<ServerResponse> message = new NamedHandler("messages", messages::handle);
		HandlerFunction<ServerResponse> embedding = new NamedHandler("embeddings", embeddings::handle);
		HandlerFunction<ServerResponse> reranking = new NamedHandler("rerank", rerank::handle);
		HandlerFunction<ServerResponse> modelList = new NamedHandler("models", models::list);
		HandlerFunction<ServerResponse> model = new NamedHandler("model", models::get);
		HandlerFunction<ServerResponse> liveliness = new NamedHandler("liveliness", health::liveliness);
		return RouterFunctions.route()
			.POST("/v1/chat/completions", staysHere, chatCall)
			.POST("/chat/completions", staysHere, chatCall)
			.POST("/openai/deployments/{model}/chat/completions", chatCall)
			.POST("/engines/{model}/chat/completions", chatCall)
			.POST("/v1/completions", completion)
			.POST("/completions", completion)
			.POST("/openai/deployments/{model}/completions", completion)
			.POST("/engines/{model}/completions", completion)
			.POST("/v1/images/generations", image)
			.POST("/images/generations", image)
			.POST("/openai/deployments/{model}/images/generations", image)
			.POST("/v1/messages", message)
			.POST("/v1/messages/count_tokens", new NamedHandler("count tokens", messages::countTokens))
			.POST("/anthropic/v1/messages", message)
			.POST("/v1/embeddings", embedding)
			.POST("/embeddings", embedding)
			.POST("/openai/deployments/{model}/embeddings", embedding)
			.POST("/engines/{model}/embeddings", embedding)
			.POST("/v1/rerank", reranking)
			.POST("/rerank", reranking)
			.POST("/v2/rerank", reranking)
			.GET("/v1/models", modelList)
			.GET("/models", modelList)
			.GET("/v1/models/{*model}", model)
			.GET("/models/{*model}", model)
			.GET("/health/liveliness", liveliness)
			.GET("/health/liveness", liveliness)
			.GET("/health/readiness", new NamedHandler("readiness", health::readiness))
			.GET("/health", new NamedHandler("health", health::health))
			.build();
	}

}
