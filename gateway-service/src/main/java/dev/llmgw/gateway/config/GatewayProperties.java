package dev.llmgw.gateway.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the gateway process itself (the LiteLLM config.yaml is separate). Each is
 * set from the environment variable named in application.yaml.
 *
 * @param configFilePath the config.yaml to load ({@code CONFIG_FILE_PATH}); blank:
 * config/config.yaml, else config/default-config.yaml
 * @param middlewareUrl where to forward the middleware's paths when no load balancer does
 * it ({@code MIDDLEWARE_URL}); blank: not forwarded
 * @param connectTimeout how long to wait for a provider connection
 * @param maxConnections connections to all providers together
 * @param idleConnectionTimeout how long an unused provider connection is kept
 * @param defaultMaxRequestSizeMb body limit when general_settings.max_request_size_mb is
 * not set: 32 MB, chat-sized (a long conversation with a few base64 images; Anthropic's
 * Messages API takes 32 MB too), where LiteLLM sets none
 * @param storeModelInDb LiteLLM's {@code STORE_MODEL_IN_DB}: the same as
 * general_settings.store_model_in_db; either one turns it on
 * @param configBucketName the S3 bucket holding config.yaml
 * ({@code LITELLM_CONFIG_BUCKET_NAME}); set with the object key, it is read from S3
 * instead of a file
 * @param configBucketObjectKey config.yaml's key in that bucket
 * ({@code LITELLM_CONFIG_BUCKET_OBJECT_KEY})
 * @param authCacheStaleIfError how long past {@code authCacheTtl} a key already
 * authenticated is still served from the auth cache while the database cannot be reached
 * to reload it (as HTTP's {@code stale-if-error}); zero serves none
 * @param usageWindowInterval how often each instance looks for the Usage page's ranges to
 * sum ahead: after a day closes, and when rows were added to past days; zero: never
 * @param metricsEnabled whether {@code /metrics} and the meters behind it exist
 * ({@code METRICS_ENABLED}, on unless false)
 */
@Validated
@ConfigurationProperties(GatewayProperties.PREFIX)
public record GatewayProperties(@Nullable String configFilePath, @Nullable String middlewareUrl,
		@DefaultValue("10s") @NotNull Duration connectTimeout, @DefaultValue("2000") @Min(1) int maxConnections,
		@DefaultValue("30s") @NotNull Duration idleConnectionTimeout,
		@DefaultValue("32") @Min(1) double defaultMaxRequestSizeMb, @Nullable String databaseUrl,
		@DefaultValue("./data") String dataDir, @DefaultValue("10") @Min(1) int databasePoolSize,
		@Nullable String redisUrl, @Nullable String redisHost, @DefaultValue("6379") int redisPort,
		@Nullable String redisPassword, @DefaultValue("false") boolean redisSsl,
		@DefaultValue("60s") Duration authCacheTtl, @DefaultValue("10m") Duration authCacheStaleIfError,
		@DefaultValue("1s") Duration spendFlushInterval, @DefaultValue("10m") Duration usageWindowInterval,
		@DefaultValue("250ms") Duration rateLimitRedisTimeout, @DefaultValue("false") boolean storeModelInDb,
		@Nullable String configBucketName, @Nullable String configBucketObjectKey,
		@DefaultValue("true") boolean metricsEnabled) {

	public static final String PREFIX = "gateway";

}
