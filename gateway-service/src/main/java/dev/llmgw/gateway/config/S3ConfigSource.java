package dev.llmgw.gateway.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

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
		// included files are objects beside config.yaml, as they are files beside it on
		// disk
		String prefix = key.contains("/") ? key.substring(0, key.lastIndexOf('/') + 1) : "";
		return loader.parse(new String(yaml, StandardCharsets.UTF_8), "s3://" + bucket + "/" + key,
				(name) -> new String(S3ConfigFetcher.fetch(bucket, includedKey(prefix, name)), StandardCharsets.UTF_8));
	}

	/**
	 * The object key of an included file: its name under config.yaml's prefix, with
	 * {@code ./} and {@code ../} steps resolved; a name that climbs above the bucket's
	 * root is refused.
	 */
	static String includedKey(String prefix, String name) {
		ArrayDeque<String> parts = new ArrayDeque<>();
		for (String part : (name.startsWith("/") ? name.substring(1) : prefix + name).split("/")) {
			if (part.equals("..")) {
				if (parts.isEmpty()) {
					throw new ConfigException("include " + name + ": outside the config bucket");
				}
				parts.removeLast();
			}
			else if (!part.isEmpty() && !part.equals(".")) {
				parts.addLast(part);
			}
		}
		return String.join("/", parts);
	}

	private static boolean present(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
