package dev.llmgw.cloud;

import java.time.Duration;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Reads the LiteLLM config.yaml from S3, as the original does when
 * {@code LITELLM_CONFIG_BUCKET_NAME} and {@code LITELLM_CONFIG_BUCKET_OBJECT_KEY} are
 * set. Region and credentials come from the AWS SDK's default chains, the endpoint from
 * its standard {@code AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL} settings.
 */
public final class S3ConfigFetcher {

	public static final String BUCKET_VARIABLE = "LITELLM_CONFIG_BUCKET_NAME";

	public static final String KEY_VARIABLE = "LITELLM_CONFIG_BUCKET_OBJECT_KEY";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private S3ConfigFetcher() {
	}

	/**
	 * The object's bytes.
	 * @param bucket the bucket name
	 * @param key the object key
	 * @return the object
	 * @throws CloudStartupException naming the bucket and key when it cannot be read
	 */
	public static byte[] fetch(String bucket, String key) {
		String location = "s3://" + bucket + "/" + key;
		try (S3Client s3 = S3Client.builder()
			.httpClient(UrlConnectionHttpClient.create())
			.forcePathStyle(AwsEndpointOverride.isSet("S3", "S3"))
			.overrideConfiguration((config) -> config.apiCallTimeout(TIMEOUT))
			.build()) {
			return s3
				.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build(), ResponseTransformer.toBytes())
				.asByteArray();
		}
		catch (NoSuchKeyException | NoSuchBucketException ex) {
			throw new CloudStartupException(BUCKET_VARIABLE + "/" + KEY_VARIABLE + ": " + location + " not found ("
					+ ex.awsErrorDetails().errorCode() + ")", ex);
		}
		catch (SdkException ex) {
			throw new CloudStartupException(
					BUCKET_VARIABLE + "/" + KEY_VARIABLE + ": cannot read " + location + ": " + ex.getMessage(), ex);
		}
	}

}
