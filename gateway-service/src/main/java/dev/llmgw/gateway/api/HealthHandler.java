package dev.llmgw.gateway.api;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import dev.llmgw.gateway.engine.CacheStage;
import dev.llmgw.gateway.pricing.ModelListing;
import dev.llmgw.gateway.pricing.PriceMap;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.EmbeddingCall;
import dev.llmgw.gateway.providers.ProviderCall;
import dev.llmgw.gateway.providers.ProviderRegistry;
import dev.llmgw.gateway.redis.SharedRedis;
import dev.llmgw.gateway.routing.ModelGroup;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.web.CallContext;
import dev.llmgw.gateway.web.GatewayVersion;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ChatMessage;
import dev.llmgw.model.openai.EmbeddingRequest;
import dev.llmgw.storage.Database;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * LiteLLM's health routes: {@code /health/liveliness} (the process answers),
 * {@code /health/readiness} (what is configured is usable) and {@code /health} (each chat
 * deployment answers a one-token request; needs a key).
 */
public final class HealthHandler {

	private static final Logger log = LoggerFactory.getLogger(HealthHandler.class);

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

	private final ModelRegistry models;

	private final PriceMap prices;

	/** How long the database may take to answer; past it, it counts as unreachable. */
	private static final Duration READINESS_TIMEOUT = Duration.ofSeconds(3);

	/**
	 * How long Redis may take to answer a PING: a probe answers promptly, and a Redis
	 * slower than this is no use to the rate limiter either (its own budget is 250 ms).
	 */
	private static final Duration REDIS_PING_TIMEOUT = Duration.ofSeconds(1);

	private final ProviderRegistry providers;

	private final Database database;

	private final @Nullable SharedRedis redis;

	private final List<String> successCallbacks;

	private final LongSupplier rateLimitFailOpen;

	private final CacheStage cache;

	/**
	 * @param redis the shared Redis, null when none is configured
	 * @param successCallbacks litellm_settings.success_callback, reported as LiteLLM does
	 * @param rateLimitFailOpen how many requests went on uncounted because Redis did not
	 * answer a rate-limit check
	 * @param cache the response cache, for its type and state
	 */
	public HealthHandler(ModelRegistry models, ProviderRegistry providers, Database database,
			@Nullable SharedRedis redis, List<String> successCallbacks, LongSupplier rateLimitFailOpen, PriceMap prices,
			CacheStage cache) {
		this.cache = cache;
		this.prices = prices;
		this.models = models;
		this.providers = providers;
		this.database = database;
		this.redis = redis;
		this.successCallbacks = List.copyOf(successCallbacks);
		this.rateLimitFailOpen = rateLimitFailOpen;
	}

	public Mono<ServerResponse> liveliness(ServerRequest request) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue("\"I'm alive!\"");
	}

	/**
	 * Each dependency's state as it is now, in LiteLLM's fields: {@code status} carries
	 * the database's state (shared/spec/admin-api.md §7.3), {@code db} is
	 * {@code connected} or {@code disconnected}, {@code cache} names the response cache's
	 * type ({@code redis}, {@code local}) and is null without {@code cache: true}, as
	 * LiteLLM's; {@code cache_status} says whether its store answers (a failing one is
	 * skipped, so the gateway is degraded, not down). The gateway's own {@code redis}
	 * says whether Redis answered a PING. Only what the gateway cannot work without fails
	 * readiness: an unreachable database is a 503, so that a load balancer stops sending
	 * traffic; an unreachable Redis is a 200 with {@code status} {@code degraded},
	 * because the gateway goes on without it (rate limits fail open, budgets are counted
	 * in process) and taking every instance out of service at once would turn a degraded
	 * gateway into a down one.
	 */
	public Mono<ServerResponse> readiness(ServerRequest request) {
		Mono<Boolean> db = this.database.one((client) -> client.sql("SELECT 1").map((row) -> true).first())
			.timeout(READINESS_TIMEOUT)
			.onErrorResume((error) -> Mono.just(false))
			.defaultIfEmpty(false);
		Mono<Optional<Boolean>> redisUp = (this.redis != null) ? this.redis.ping(REDIS_PING_TIMEOUT).map(Optional::of)
				: Mono.just(Optional.empty());
		return Mono.zip(db, redisUp).flatMap((states) -> {
			boolean connected = states.getT1();
			Optional<Boolean> redisState = states.getT2();
			boolean redisDown = redisState.isPresent() && !redisState.get();
			boolean cacheDown = this.cache.degraded();
			Map<String, @Nullable Object> body = new LinkedHashMap<>();
			body.put("status", !connected ? "unhealthy" : (redisDown || cacheDown) ? "degraded" : "connected");
			body.put("db", connected ? "connected" : "disconnected");
			body.put("cache", this.cache.type());
			if (this.cache.type() != null) {
				body.put("cache_status", cacheDown ? "failing, skipped" : "connected");
			}
			if (redisState.isPresent()) {
				body.put("redis", redisDown ? "unreachable" : "connected");
			}
			body.put("litellm_version", GatewayVersion.VALUE);
			body.put("success_callbacks", this.successCallbacks);
			body.put("last_updated", OffsetDateTime.now(ZoneOffset.UTC).toString());
			body.put("model_groups", this.models.groups().size());
			// a warning figure: non-zero means Redis missed rate-limit checks and
			// limits were not enforced
			body.put("rate_limit_fail_open", this.rateLimitFailOpen.getAsLong());
			return ServerResponse.status(connected ? 200 : 503).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
		});
	}

	public Mono<ServerResponse> health(ServerRequest request) {
		String callId = CallContext.of(request.exchange()).callId();
		List<Deployment> deployments = new ArrayList<>();
		for (ModelGroup group : this.models.groups().values()) {
			for (Deployment deployment : group.deployments()) {
				String mode = mode(deployment);
				// image and audio deployments are not probed: each probe would cost an
				// image
				if (mode == null || "chat".equals(mode) || "completion".equals(mode) || "embedding".equals(mode)) {
					deployments.add(deployment);
				}
			}
		}
		return Flux.fromIterable(deployments)
			.flatMap((deployment) -> probe(deployment, callId), 8)
			.collectList()
			.flatMap((results) -> {
				List<Map<String, Object>> healthy = new ArrayList<>();
				List<Map<String, Object>> unhealthy = new ArrayList<>();
				for (Map<String, Object> result : results) {
					(result.containsKey("error") ? unhealthy : healthy).add(result);
				}
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("healthy_endpoints", healthy);
				body.put("unhealthy_endpoints", unhealthy);
				body.put("healthy_count", healthy.size());
				body.put("unhealthy_count", unhealthy.size());
				return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
			});
	}

	/** model_info.mode, else the price map's mode for the model. */
	private @Nullable String mode(Deployment deployment) {
		String mode = deployment.modelInfo().mode();
		if (mode == null) {
			ModelListing listing = this.prices.listing(deployment);
			mode = (listing != null) ? listing.mode() : null;
		}
		return mode;
	}

	/**
	 * One tiny call, in LiteLLM's report shape: {@code model} is the deployment's
	 * {@code litellm_params.model}, never its credentials.
	 */
	private Mono<Map<String, Object>> probe(Deployment deployment, String callId) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("model", deployment.params().model());
		result.put("model_name", deployment.modelName());
		result.put("model_id", deployment.id());
		result.put("custom_llm_provider", deployment.provider().name());
		if (deployment.apiBase() != null) {
			result.put("api_base", deployment.apiBase());
		}
		if (deployment.params().awsRegionName() != null) {
			result.put("aws_region_name", deployment.params().awsRegionName());
		}
		Mono<?> call;
		if ("embedding".equals(mode(deployment))) {
			call = this.providers.forDeployment(deployment)
				.embed(new EmbeddingCall(deployment,
						new EmbeddingRequest(deployment.modelName(), "ping", null, new LinkedHashMap<>()), callId));
		}
		else {
			ChatCompletionRequest ping = new ChatCompletionRequest(deployment.modelName(),
					List.of(ChatMessage.of("user", "ping")), false, null, 1, null, null, null, null, null, null,
					new LinkedHashMap<>());
			call = this.providers.forDeployment(deployment).complete(new ProviderCall(deployment, ping, callId));
		}
		return call.timeout(PROBE_TIMEOUT).map((ok) -> result).onErrorResume((error) -> {
			log.debug("health probe of {} failed", deployment, error);
			result.put("error", error.getMessage());
			return Mono.just(result);
		});
	}

}
