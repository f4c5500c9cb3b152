package dev.llmgw.gateway.config;

import java.nio.charset.StandardCharsets;

import dev.llmgw.cloud.S3ConfigFetcher;
import org.jspecify.annotations.Nullable;

/**
 * config.yaml from S3, as the original reads it when {@code LITELLM_CONFIG_BUCKET_NAME}
 * and {@code LITELLM_CONFIG_BUCKET_OBJECT_KEY} are set. Read once at start-up, blocking,
 * before any request is served.
 */
final class S3ConfigSource {

	private S3ConfigSource() {
	}

	static boolean requested(GatewayProperties properties) {
		return present(properties.configBucketName()) || present(properties.configBucketObjectKey());
	}

	static GatewayConfig load(GatewayProperties properties, ConfigLoader loader) {
		String bucket = properties.configBucketName();
		String key = properties.configBucketObjectKey();
		if (!present(bucket) || !present(key)) {
			String missing = present(bucket) ? S3ConfigFetcher.KEY_VARIABLE : S3ConfigFetcher.BUCKET_VARIABLE;
			throw new ConfigException(missing + ": required when "
					+ (present(bucket) ? S3ConfigFetcher.BUCKET_VARIABLE : S3ConfigFetcher.KEY_VARIABLE)
					+ " is set (config.yaml is read from S3 only with both)");
		}
		byte[] yaml = S3ConfigFetcher.fetch(bucket, key);
		return loader.parse(new String(yaml, StandardCharsets.UTF_8), "s3://" + bucket + "/" + key);
	}

	private static boolean present(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
