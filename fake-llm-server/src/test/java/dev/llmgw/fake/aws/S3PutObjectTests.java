package dev.llmgw.fake.aws;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * S3's PutObject driven by the real AWS SDK, with its default checksums: over plain HTTP
 * it signs every chunk of an aws-chunked body and sends the CRC32 in a trailer, which is
 * the decoding a logging callback's upload needs.
 */
class S3PutObjectTests {

	private static final String S3_SIGNATURE = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/s3/aws4_request, "
			+ "SignedHeaders=host, Signature=00";

	private final TestServer server = TestServer.start();

	/** The headers of every request the SDK sent, as signed. */
	private final List<Map<String, List<String>>> sent = new CopyOnWriteArrayList<>();

	private final S3Client s3 = client(AwsRetryStrategy.defaultRetryStrategy());

	@AfterEach
	void close() {
		this.s3.close();
		this.server.close();
	}

	@Test
	void storesAnAwsChunkedUploadAndListsItWithItsHeadersAndJsonBody() {
		String log = "{\"id\":\"chatcmpl-1\",\"model\":\"gpt-4o\",\"response_cost\":0.5}";
		PutObjectResponse put = this.s3.putObject((request) -> request.bucket("logs")
			.key("2026-01-01/chatcmpl-1.json")
			.contentType("application/json")
			.cacheControl("no-cache")
			.contentDisposition("inline")
			.contentLanguage("en")
			.serverSideEncryption(ServerSideEncryption.AWS_KMS)
			.ssekmsKeyId("arn:aws:kms:us-east-1:000000000000:key/fake"), RequestBody.fromString(log));

		Map<String, List<String>> headers = this.sent.get(0);
		assertThat(headers.get("x-amz-content-sha256")).singleElement().asString().startsWith("STREAMING-");
		assertThat(headers.get("Content-Encoding")).singleElement().asString().contains("aws-chunked");
		assertThat(put.eTag()).isEqualTo("\"" + md5(log) + "\"");
		assertThat(put.checksumCRC32()).isNotBlank();
		assertThat(this.s3.getObjectAsBytes((request) -> request.bucket("logs").key("2026-01-01/chatcmpl-1.json"))
			.asUtf8String()).isEqualTo(log);

		JsonNode stored = objects("").get(0);
		assertThat(stored.path("bucket").asString()).isEqualTo("logs");
		assertThat(stored.path("key").asString()).isEqualTo("2026-01-01/chatcmpl-1.json");
		assertThat(stored.path("body").path("model").asString()).isEqualTo("gpt-4o");
		assertThat(stored.path("body").path("response_cost").asDouble()).isEqualTo(0.5);
		JsonNode kept = stored.path("headers");
		assertThat(kept.path("content-type").asString()).isEqualTo("application/json");
		assertThat(kept.path("cache-control").asString()).isEqualTo("no-cache");
		assertThat(kept.path("content-disposition").asString()).isEqualTo("inline");
		assertThat(kept.path("content-language").asString()).isEqualTo("en");
		assertThat(kept.path("x-amz-server-side-encryption").asString()).isEqualTo("aws:kms");
		assertThat(kept.path("x-amz-server-side-encryption-aws-kms-key-id").asString())
			.isEqualTo("arn:aws:kms:us-east-1:000000000000:key/fake");
		assertThat(kept.has("authorization")).isFalse();
	}

	@Test
	void decodesABodyOfManyChunks() {
		String big = "0123456789abcdef".repeat(20_000);
		this.s3.putObject((request) -> request.bucket("logs").key("big.txt"), RequestBody.fromString(big));
		assertThat(this.s3.getObjectAsBytes((request) -> request.bucket("logs").key("big.txt")).asUtf8String())
			.isEqualTo(big);
		assertThat(objects("big").get(0).path("body").asString()).isEqualTo(big);
	}

	@Test
	void keepsTextThatIsNotJsonAndDecodesTheKey() {
		this.s3.putObject((request) -> request.bucket("logs").key("team a/räw+log.txt"),
				RequestBody.fromString("not json"));
		JsonNode stored = objects("").get(0);
		assertThat(stored.path("key").asString()).isEqualTo("team a/räw+log.txt");
		assertThat(stored.path("body").isString()).isTrue();
		assertThat(stored.path("body").asString()).isEqualTo("not json");
	}

	@Test
	void listsInOrderFiltersByKeyPrefixAndForgetsOnDelete() {
		this.server.put("/fake/s3/config/config.yaml", "model_list: []");
		for (String key : new String[] { "a/1.json", "b/2.json", "a/3.json" }) {
			this.s3.putObject((request) -> request.bucket("logs").key(key), RequestBody.fromString("{}"));
		}
		assertThat(objects("").stream().map((object) -> object.path("key").asString())).containsExactly("a/1.json",
				"b/2.json", "a/3.json");
		assertThat(objects("a/").stream().map((object) -> object.path("key").asString())).containsExactly("a/1.json",
				"a/3.json");

		assertThat(this.server.delete("/fake/s3-objects").statusCode()).isEqualTo(204);
		assertThat(objects("")).isEmpty();
		assertThatExceptionOfType(NoSuchKeyException.class)
			.isThrownBy(() -> this.s3.getObjectAsBytes((request) -> request.bucket("logs").key("a/1.json")));
		// a service's config, stored through the control endpoint, stays
		assertThat(this.s3.getObjectAsBytes((request) -> request.bucket("config").key("config.yaml")).asUtf8String())
			.isEqualTo("model_list: []");
	}

	@Test
	void storesAPlainBodyAsSent() {
		HttpResponse<String> put = this.server.put("/logs/plain.json", "{\"plain\":true}", "Authorization",
				S3_SIGNATURE, "Content-Type", "application/json");
		assertThat(put.statusCode()).isEqualTo(200);
		assertThat(put.headers().firstValue("ETag")).hasValue("\"" + md5("{\"plain\":true}") + "\"");
		assertThat(put.body()).isEmpty();
		JsonNode stored = objects("plain").get(0);
		assertThat(stored.path("body").path("plain").asBoolean()).isTrue();
		assertThat(stored.path("headers").path("content-type").asString()).isEqualTo("application/json");
		assertThat(this.server.get("/logs/plain.json", "Authorization", S3_SIGNATURE).body())
			.isEqualTo("{\"plain\":true}");
	}

	@Test
	void refusesAMalformedAwsChunkedBody() {
		HttpResponse<String> put = this.server.put("/logs/broken.json", "ff\r\ntoo short\r\n", "Authorization",
				S3_SIGNATURE, "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
		assertThat(put.statusCode()).isEqualTo(400);
		assertThat(put.body()).contains("<Code>IncompleteBody</Code>");
		assertThat(objects("")).isEmpty();
	}

	@Test
	void aFaultIsS3sErrorAndTheSdkRetriesPastIt() {
		fault("{\"target\":\"s3\",\"status\":500,\"count\":1}");
		this.s3.putObject((request) -> request.bucket("logs").key("retried.json"), RequestBody.fromString("{}"));
		assertThat(this.sent).hasSize(2);
		assertThat(objects("")).hasSize(1);
		JsonNode faults = TestServer.json(this.server.get("/fake/collectors/fault").body());
		assertThat(faults.path("s3").path("remaining").asLong()).isZero();
		assertThat(faults.path("s3").path("answered_with_fault").asLong()).isEqualTo(1);
	}

	@Test
	void aLastingFaultFailsEveryUploadWithSlowDown() {
		try (S3Client noRetries = client(AwsRetryStrategy.doNotRetry())) {
			fault("{\"target\":\"s3\",\"status\":503,\"count\":-1}");
			for (int i = 0; i < 3; i++) {
				assertThatExceptionOfType(S3Exception.class)
					.isThrownBy(() -> noRetries.putObject((request) -> request.bucket("logs").key("down.json"),
							RequestBody.fromString("{}")))
					.satisfies((ex) -> {
						assertThat(ex.statusCode()).isEqualTo(503);
						assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
					});
			}
			assertThat(objects("")).isEmpty();
			JsonNode faults = TestServer.json(this.server.get("/fake/collectors/fault").body());
			assertThat(faults.path("s3").path("remaining").asLong()).isEqualTo(-1);
			assertThat(faults.path("s3").path("answered_with_fault").asLong()).isEqualTo(3);

			assertThat(this.server.delete("/fake/collectors/fault").statusCode()).isEqualTo(204);
			noRetries.putObject((request) -> request.bucket("logs").key("up.json"), RequestBody.fromString("{}"));
			assertThat(objects("")).hasSize(1);
		}
	}

	@Test
	void aFault403IsAccessDenied() {
		fault("{\"target\":\"s3\",\"status\":403,\"count\":1}");
		HttpResponse<String> put = this.server.put("/logs/denied.json", "{}", "Authorization", S3_SIGNATURE);
		assertThat(put.statusCode()).isEqualTo(403);
		assertThat(put.body()).contains("<Code>AccessDenied</Code>");
		// control routes are never faulted
		assertThat(this.server.get("/fake/s3-objects").statusCode()).isEqualTo(200);
	}

	private S3Client client(RetryStrategy retries) {
		ExecutionInterceptor capture = new ExecutionInterceptor() {

			@Override
			public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
				S3PutObjectTests.this.sent.add(context.httpRequest().headers());
			}

		};
		return S3Client.builder()
			.endpointOverride(URI.create(this.server.server().baseUrl()))
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOGS", "secret")))
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.overrideConfiguration((override) -> override.retryStrategy(retries).addExecutionInterceptor(capture))
			.build();
	}

	private void fault(String json) {
		assertThat(this.server.post("/fake/collectors/fault", json).statusCode()).isEqualTo(200);
	}

	private List<JsonNode> objects(String prefix) {
		HttpResponse<String> response = this.server
			.get(prefix.isEmpty() ? "/fake/s3-objects" : "/fake/s3-objects?prefix=" + prefix);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode all = TestServer.json(response.body());
		assertThat(all.isArray()).isTrue();
		List<JsonNode> objects = new ArrayList<>();
		all.forEach(objects::add);
		return objects;
	}

	private static String md5(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
