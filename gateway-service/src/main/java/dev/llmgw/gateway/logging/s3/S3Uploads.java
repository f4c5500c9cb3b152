package dev.llmgw.gateway.logging.s3;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmgw.cloud.AwsPathEncoding;
import dev.llmgw.digest.Digests;
import dev.llmgw.gateway.logging.CollectorHttp;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * S3 PutObject, as lean as it can be: the AWS SDK signs each request (SigV4, its own
 * signer) and resolves the credentials, and a small Reactor Netty client of its own (one
 * event loop, never the gateway's) sends it. The SDK's S3 client was measured at about
 * 0.4 ms of CPU per object for its request pipeline (endpoint and auth-scheme rules,
 * interceptors, marshalling), as much as the gateway spends on the whole call it logs;
 * signing is a few percent of that. LiteLLM's s3_v2 callback likewise signs its own PUTs.
 */
final class S3Uploads implements AutoCloseable {

	private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

	private final String region;

	private final String base;

	private final LoopResources loops = LoopResources.create("logging-s3", 1, true);

	private final ConnectionProvider pool = ConnectionProvider.builder("logging-s3")
		.maxConnections(32)
		.pendingAcquireMaxCount(-1)
		.maxIdleTime(Duration.ofSeconds(20))
		.build();

	private final HttpClient http;

	/**
	 * @param region the bucket's region, for the signature and AWS's host name
	 * @param endpoint a custom endpoint (MinIO, R2, a VPC endpoint), null for AWS's
	 * @param virtualHostedStyle whether the bucket goes in the host name of a custom
	 * endpoint
	 * @param bucket the bucket
	 */
	S3Uploads(String region, @Nullable String endpoint, boolean virtualHostedStyle, String bucket) {
		this.region = region;
		if (endpoint == null) {
			String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
			// a bucket with dots does not match S3's wildcard certificate as a host name
			this.base = bucket.contains(".") ? "https://s3." + region + "." + domain + "/" + encode(bucket)
					: "https://" + bucket + ".s3." + region + "." + domain;
		}
		else {
			URI given = URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
			this.base = !virtualHostedStyle ? given + "/" + encode(bucket)
					: given.getScheme() + "://" + bucket + "." + given.getRawAuthority() + given.getRawPath();
		}
		this.http = HttpClient.create(this.pool)
			.runOn(this.loops)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
			.responseTimeout(Duration.ofSeconds(30))
			.keepAlive(true)
			.compress(false);
	}

	/** The object's URL. */
	URI uri(String key) {
		return URI.create(this.base + "/" + encode(key));
	}

	/**
	 * Puts one object.
	 * @param key its key
	 * @param body its content
	 * @param headers its headers (content type, disposition, encryption)
	 * @param identity the credentials to sign with
	 * @return S3's answer
	 */
	Mono<CollectorHttp.Answer> put(String key, byte[] body, Map<String, String> headers,
			AwsCredentialsIdentity identity) {
		URI uri = uri(key);
		Map<String, String> all = new LinkedHashMap<>(headers);
		// as LiteLLM sends it: a bucket with Object Lock refuses a PUT without it
		all.put("Content-MD5", md5(body));
		SdkHttpRequest signed = sign(uri, body, all, identity, Clock.systemUTC());
		return this.http.headers((sent) -> {
			signed.forEachHeader((name, values) -> values.forEach((value) -> sent.add(name, value)));
			sent.set("Content-Length", Integer.toString(body.length));
		})
			.put()
			.uri(uri)
			.send((request, out) -> out.sendByteArray(Mono.just(body)))
			.responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.map((text) -> new CollectorHttp.Answer(response.status().code(), text)));
	}

	/**
	 * A PUT signed as S3 expects: the payload's SHA-256 in {@code x-amz-content-sha256}
	 * (and signed), the path encoded once and not normalized. The signer hashes the
	 * payload and sets that header itself: hashing it here too read every object twice
	 * more (a seventh of the delivery thread's time with batched objects).
	 */
	SdkHttpRequest sign(URI uri, byte[] body, Map<String, String> headers, AwsCredentialsIdentity identity,
			Clock clock) {
		SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(uri);
		headers.forEach(request::putHeader);
		return SIGNER
			.sign((signing) -> signing.identity(identity)
				.request(request.build())
				.payload(ContentStreamProvider.fromByteArrayUnsafe(body))
				.putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
				.putProperty(AwsV4HttpSigner.REGION_NAME, this.region)
				.putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
				.putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
				.putProperty(HttpSigner.SIGNING_CLOCK, clock))
			.request();
	}

	static String md5(byte[] body) {
		return Base64.getEncoder().encodeToString(Digests.md5(body));
	}

	/**
	 * A key as S3 wants it in a path: every byte but the unreserved characters and
	 * {@code /} percent-encoded (SigV4's URI encoding).
	 */
	static String encode(String key) {
		return AwsPathEncoding.encode(key, true);
	}

	@Override
	public void close() {
		this.pool.disposeLater().block(Duration.ofSeconds(5));
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(1)).block(Duration.ofSeconds(5));
	}

}
