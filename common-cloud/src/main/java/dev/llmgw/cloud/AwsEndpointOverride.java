package dev.llmgw.cloud;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Whether the AWS SDK's standard endpoint settings point a service elsewhere
 * ({@code AWS_ENDPOINT_URL_<SERVICE>}, {@code AWS_ENDPOINT_URL}, or the system properties
 * {@code aws.endpointUrl<Service>} / {@code aws.endpointUrl}). The SDK applies the
 * endpoint itself; this only tells S3 to use path-style addressing, which local stand-ins
 * (the fake, MinIO) need because they have no DNS name per bucket.
 */
final class AwsEndpointOverride {

	private AwsEndpointOverride() {
	}

	static boolean isSet(String environmentSuffix, String propertySuffix) {
		return isSet(System.getenv(), environmentSuffix, propertySuffix);
	}

	static boolean isSet(Map<String, String> environment, String environmentSuffix, String propertySuffix) {
		return present(environment.get("AWS_ENDPOINT_URL_" + environmentSuffix))
				|| present(environment.get("AWS_ENDPOINT_URL"))
				|| present(System.getProperty("aws.endpointUrl" + propertySuffix))
				|| present(System.getProperty("aws.endpointUrl"));
	}

	private static boolean present(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
