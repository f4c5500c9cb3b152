package dev.llmgw.gateway.logging.s3;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.config.ConfigException;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.logging.CallbackSettings;
import org.jspecify.annotations.Nullable;

/**
 * {@code litellm_settings.s3_callback_params}, as LiteLLM reads them ({@code os.environ/}
 * values are resolved when the config loads).
 *
 * @param bucket {@code s3_bucket_name}; else {@code LOG_BUCKET_NAME}, which the
 * deployment sets to the log bucket it creates
 * @param region {@code s3_region_name}, else the AWS region of the environment
 * @param endpoint {@code s3_endpoint_url}, else {@code AWS_ENDPOINT_URL_S3} or
 * {@code AWS_ENDPOINT_URL}; null for AWS's own
 * @param virtualHostedStyle {@code s3_use_virtual_hosted_style}: bucket in the host name
 * of a custom endpoint
 * @param accessKeyId {@code s3_aws_access_key_id}; with the secret, else the default
 * chain (the task role)
 * @param secretAccessKey {@code s3_aws_secret_access_key}
 * @param sessionToken {@code s3_aws_session_token}
 * @param profile {@code s3_aws_profile_name}
 * @param path {@code s3_path}: the key prefix
 * @param teamPrefix {@code s3_use_team_prefix}: the team's alias as a folder
 * @param keyPrefix {@code s3_use_key_prefix}: the key's alias as a folder
 * @param promptsOnly {@code s3_log_prompts_only}: the answer left out
 * @param serverSideEncryption {@code s3_server_side_encryption} ({@code AES256},
 * {@code aws:kms})
 * @param kmsKeyId {@code s3_sse_kms_key_id}
 * @param flushInterval {@code s3_flush_interval} seconds (LiteLLM's default 10)
 * @param batchSize {@code s3_batch_size} (LiteLLM's default 512)
 * @param batchObjects {@code s3_batch_objects} (this gateway's own): one
 * newline-delimited JSON object per batch instead of one object per call
 */
record S3Settings(String bucket, String region, @Nullable String endpoint, boolean virtualHostedStyle,
		@Nullable String accessKeyId, @Nullable String secretAccessKey, @Nullable String sessionToken,
		@Nullable String profile, String path, boolean teamPrefix, boolean keyPrefix, boolean promptsOnly,
		@Nullable String serverSideEncryption, @Nullable String kmsKeyId, Duration flushInterval, int batchSize,
		boolean batchObjects) {

	static final String PARAMS = "litellm_settings.s3_callback_params";

	/** Keys of LiteLLM's s3 callbacks that have no meaning here (boto3's, TLS). */
	static final Set<String> IGNORED = Set.of("s3_api_version", "s3_use_ssl", "s3_verify", "s3_config");

	/** Keys of LiteLLM's s3 callbacks this gateway does not support, and what to use. */
	static final Map<String, String> UNSUPPORTED = Map.of("s3_aws_role_name",
			"give the task role (or the keys) access to the bucket", "s3_aws_session_name",
			"give the task role (or the keys) access to the bucket", "s3_aws_web_identity_token",
			"the default credentials chain reads AWS_WEB_IDENTITY_TOKEN_FILE", "s3_aws_sts_endpoint",
			"give the task role (or the keys) access to the bucket", "s3_strip_base64_files",
			"base64 data longer than 64 characters is always cut from the logged messages");

	private static final Set<String> KNOWN = Set.of("s3_bucket_name", "s3_region_name", "s3_endpoint_url",
			"s3_use_virtual_hosted_style", "s3_aws_access_key_id", "s3_aws_secret_access_key", "s3_aws_session_token",
			"s3_aws_profile_name", "s3_path", "s3_use_team_prefix", "s3_use_key_prefix", "s3_log_prompts_only",
			"s3_server_side_encryption", "s3_sse_kms_key_id", "s3_flush_interval", "s3_batch_size", "s3_batch_objects");

	static S3Settings of(@Nullable Object params, EnvironmentLookup environment, List<String> warnings) {
		Map<?, ?> map = (params instanceof Map<?, ?> given) ? given : Map.of();
		for (Object key : map.keySet()) {
			String name = String.valueOf(key);
			if (IGNORED.contains(name)) {
				warnings.add(PARAMS + "." + name + " has no effect here: the AWS SDK's defaults (TLS verified) apply");
			}
			else if (UNSUPPORTED.containsKey(name)) {
				warnings
					.add(PARAMS + "." + name + " is not supported by this gateway: ignored; " + UNSUPPORTED.get(name));
			}
			else if (!KNOWN.contains(name)) {
				warnings.add(PARAMS + "." + name + " is not a setting of the s3 callback: ignored");
			}
		}
		String bucket = text(map.get("s3_bucket_name"));
		if (bucket == null) {
			bucket = text(environment.get("LOG_BUCKET_NAME"));
		}
		if (bucket == null) {
			throw new ConfigException("The s3 logging callback needs a bucket: set " + PARAMS
					+ ".s3_bucket_name (or LOG_BUCKET_NAME, which deploy.sh sets to the log bucket it creates)");
		}
		String region = first(text(map.get("s3_region_name")), environment.get("AWS_REGION"),
				environment.get("AWS_DEFAULT_REGION"), "us-east-1");
		String endpoint = first(text(map.get("s3_endpoint_url")), environment.get("AWS_ENDPOINT_URL_S3"),
				environment.get("AWS_ENDPOINT_URL"));
		if (endpoint != null) {
			endpoint = CallbackSettings.url(PARAMS + ".s3_endpoint_url", endpoint).toString();
		}
		String sse = text(map.get("s3_server_side_encryption"));
		String kmsKey = text(map.get("s3_sse_kms_key_id"));
		if (kmsKey != null && sse == null) {
			sse = "aws:kms";
		}
		String given = text(map.get("s3_path"));
		String path = (given != null) ? given : "";
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return new S3Settings(bucket, region, endpoint, flag(map.get("s3_use_virtual_hosted_style")),
				text(map.get("s3_aws_access_key_id")), text(map.get("s3_aws_secret_access_key")),
				text(map.get("s3_aws_session_token")), text(map.get("s3_aws_profile_name")), path,
				flag(map.get("s3_use_team_prefix")), flag(map.get("s3_use_key_prefix")),
				flag(map.get("s3_log_prompts_only")), sse, (sse != null && sse.startsWith("aws:kms")) ? kmsKey : null,
				Duration.ofMillis(Math.round(1000 * positive(map.get("s3_flush_interval"), 10, "s3_flush_interval"))),
				(int) positive(map.get("s3_batch_size"), 512, "s3_batch_size"), flag(map.get("s3_batch_objects")));
	}

	private static double positive(@Nullable Object value, double otherwise, String name) {
		if (value == null || (value instanceof String text && text.isBlank())) {
			return otherwise;
		}
		double number;
		try {
			number = (value instanceof Number given) ? given.doubleValue() : Double.parseDouble(value.toString());
		}
		catch (NumberFormatException ex) {
			throw new ConfigException(PARAMS + "." + name + " must be a number, not \"" + value + "\"");
		}
		if (!(number > 0) || number > 1_000_000) {
			throw new ConfigException(PARAMS + "." + name + " must be above 0 (and sensible), not " + value);
		}
		return number;
	}

	private static boolean flag(@Nullable Object value) {
		return Boolean.TRUE.equals(value) || (value instanceof String text && text.equalsIgnoreCase("true"));
	}

	private static @Nullable String text(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		String text = value.toString().trim();
		return (text.isEmpty() || EnvironmentLookup.referencedVariable(text) != null) ? null : text;
	}

	@SafeVarargs
	private static <T> @Nullable T first(@Nullable T... values) {
		for (T value : values) {
			if (value != null && !(value instanceof String text && text.isBlank())) {
				return value;
			}
		}
		return null;
	}

	/** The settings as the start-up log shows them: no credentials. */
	String shown() {
		List<String> parts = new ArrayList<>();
		parts.add("bucket " + this.bucket);
		parts.add("region " + this.region);
		if (this.endpoint != null) {
			URI uri = URI.create(this.endpoint);
			parts.add("endpoint " + uri.getScheme() + "://" + uri.getHost()
					+ ((uri.getPort() >= 0) ? ":" + uri.getPort() : ""));
		}
		parts.add("prefix \"" + this.path + "\"");
		parts.add("credentials " + ((this.accessKeyId != null) ? "from s3_callback_params"
				: (this.profile != null) ? "profile " + this.profile : "default chain"));
		return String.join(", ", parts);
	}

}
