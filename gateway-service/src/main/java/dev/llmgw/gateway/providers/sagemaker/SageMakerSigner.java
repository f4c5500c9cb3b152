package dev.llmgw.gateway.providers.sagemaker;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs an InvokeEndpoint call with the AWS SDK's own SigV4 signer, for the signing name
 * {@value #SIGNING_NAME} (not the endpoint prefix {@code runtime.sagemaker}), with the
 * SDK's defaults for the service: the path's escapes escaped again in the canonical
 * request, the payload's hash signed.
 */
final class SageMakerSigner {

	static final String SIGNING_NAME = "sagemaker";

	/** The header that names an inference component of the endpoint (model_id). */
	static final String INFERENCE_COMPONENT = "X-Amzn-SageMaker-Inference-Component";

	private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

	private final Clock clock;

	SageMakerSigner(Clock clock) {
		this.clock = clock;
	}

	/**
	 * @return the headers to send: the signature and everything it signed
	 */
	Map<String, String> sign(URI uri, byte[] body, String region, @Nullable String inferenceComponent,
			AwsCredentialsIdentity identity) {
		SdkHttpRequest.Builder request = SdkHttpRequest.builder()
			.method(SdkHttpMethod.POST)
			.uri(uri)
			.putHeader("Content-Type", "application/json");
		if (inferenceComponent != null) {
			request.putHeader(INFERENCE_COMPONENT, inferenceComponent);
		}
		SdkHttpRequest signed = SIGNER
			.sign((signing) -> signing.identity(identity)
				.request(request.build())
				.payload(ContentStreamProvider.fromByteArrayUnsafe(body))
				.putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
				.putProperty(AwsV4HttpSigner.REGION_NAME, region)
				.putProperty(HttpSigner.SIGNING_CLOCK, this.clock))
			.request();
		Map<String, String> headers = new LinkedHashMap<>();
		signed.forEachHeader((name, values) -> headers.put(name, String.join(",", values)));
		return headers;
	}

}
