package dev.llmgw.fake.aws;

import java.net.http.HttpResponse;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 and Secrets Manager in the wire shapes the AWS SDK reads; the SDK itself drives them
 * in common-cloud's tests.
 */
class AwsEndpointsTests {

	private static final String S3_SIGNATURE = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/s3/aws4_request, "
			+ "SignedHeaders=host, Signature=00";

	private final TestServer server = TestServer.start();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void servesAStoredObjectPathStyleAndNoSuchKeyOtherwise() {
		assertThat(this.server.put("/fake/s3/my-bucket/conf/config.yaml", "model_list: []").statusCode())
			.isEqualTo(200);
		HttpResponse<String> found = this.server.get("/my-bucket/conf/config.yaml", "Authorization", S3_SIGNATURE);
		assertThat(found.statusCode()).isEqualTo(200);
		assertThat(found.body()).isEqualTo("model_list: []");
		HttpResponse<String> missing = this.server.get("/my-bucket/other.yaml", "Authorization", S3_SIGNATURE);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("<Code>NoSuchKey</Code>").contains("<Key>other.yaml</Key>");
	}

	@Test
	void unsignedGetsStillReachTheProviderRoutes() {
		this.server.put("/fake/s3/v1/models", "not a model list");
		assertThat(this.server.get("/v1/models").body()).contains("\"object\"");
	}

	@Test
	void answersAStoredSecretByNameFullArnOrPartialArn() {
		String arn = TestServer
			.json(this.server.post("/fake/secrets", "{\"name\":\"prod/master\",\"secretString\":\"sk-from-secret\"}")
				.body())
			.path("ARN")
			.asString();
		assertThat(arn).startsWith("arn:aws:secretsmanager:").endsWith(":secret:prod/master-AbCdEf");
		for (String id : new String[] { "prod/master", arn, arn.substring(0, arn.length() - 7) }) {
			HttpResponse<String> reply = getSecretValue(id);
			assertThat(reply.statusCode()).as(id).isEqualTo(200);
			assertThat(TestServer.json(reply.body()).path("SecretString").asString()).isEqualTo("sk-from-secret");
		}
	}

	@Test
	void anUnknownSecretIsResourceNotFound() {
		HttpResponse<String> reply = getSecretValue("arn:aws:secretsmanager:us-east-1:1:secret:nope-AbCdEf");
		assertThat(reply.statusCode()).isEqualTo(400);
		assertThat(reply.body()).contains("\"__type\":\"ResourceNotFoundException\"");
	}

	private HttpResponse<String> getSecretValue(String id) {
		return this.server.post("/", "{\"SecretId\":\"" + id + "\"}", "X-Amz-Target", "secretsmanager.GetSecretValue",
				"Content-Type", "application/x-amz-json-1.1");
	}

}
