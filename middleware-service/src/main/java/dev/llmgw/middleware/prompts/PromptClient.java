package dev.llmgw.middleware.prompts;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.llmgw.middleware.error.BedrockError;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Bedrock Agents' GetPrompt over HTTP, SigV4-signed with the AWS SDK's own signer and the
 * default credential chain (resolved off the event loops: it may read files or call the
 * metadata endpoint). The endpoint is {@code AWS_ENDPOINT_URL_BEDROCK_AGENT} when set, as
 * the SDKs honour it, else the region's.
 */
final class PromptClient {

	private static final String SERVICE = "bedrock";

	private final HttpClient http = HttpClient.create().responseTimeout(Duration.ofSeconds(10));

	private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

	private final AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();

	private final @Nullable String endpoint;

	PromptClient(@Nullable String endpoint) {
		this.endpoint = (endpoint != null && !endpoint.isBlank()) ? endpoint.replaceAll("/+$", "") : null;
	}

	Mono<byte[]> getPrompt(PromptArn arn) {
		String base = (this.endpoint != null) ? this.endpoint
				: "https://bedrock-agent." + arn.region() + ".amazonaws.com";
		String url = base + "/prompts/" + URLEncoder.encode(arn.id(), StandardCharsets.UTF_8) + ((arn.version() != null)
				? "?promptVersion=" + URLEncoder.encode(arn.version(), StandardCharsets.UTF_8) : "");
		return Mono.fromCallable(() -> sign(url, arn.region()))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((signed) -> this.http
				.headers((headers) -> signed.request().forEachHeader((name, values) -> headers.set(name, values)))
				.get()
				.uri(url)
				.responseSingle((response, body) -> body.asByteArray().defaultIfEmpty(new byte[0]).map((bytes) -> {
					int status = response.status().code();
					if (status == 404) {
						throw new BedrockError(404, "ResourceNotFoundException", "Prompt " + arn.id() + " not found");
					}
					if (status != 200) {
						throw new BedrockError((status == 403) ? 403 : 424,
								(status == 403) ? "AccessDeniedException" : "ModelErrorException",
								"GetPrompt answered " + status);
					}
					return bytes;
				})));
	}

	private SignedRequest sign(String url, String region) {
		AwsCredentialsIdentity identity;
		try {
			identity = this.credentials.resolveCredentials();
		}
		catch (SdkClientException ex) {
			throw new BedrockError(500, "InternalServerException",
					"Managed prompts need AWS credentials to call GetPrompt, and none were found (AWS_ACCESS_KEY_ID, "
							+ "AWS_PROFILE, a task or pod role, ...)");
		}
		SdkHttpRequest request = SdkHttpRequest.builder()
			.method(SdkHttpMethod.GET)
			.uri(URI.create(url))
			.putHeader("Accept", "application/json")
			.build();
		return this.signer.sign((signing) -> signing.identity(identity)
			.request(request)
			.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
			.putProperty(AwsV4HttpSigner.REGION_NAME, region));
	}

}
