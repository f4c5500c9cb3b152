package dev.llmgw.gateway.logging.s3;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3 uploads sign as S3 checks: AWS's own worked example of a signed PutObject
 * ("Signature Calculations for the Authorization Header: Transferring Payload in a Single
 * Chunk") comes out to the documented signature, and keys and hosts are formed as S3
 * addresses them.
 */
class S3UploadsTests {

	@Test
	void aPutIsSignedAsAwsDocumentsIt() {
		try (S3Uploads uploads = new S3Uploads("us-east-1", "https://s3.amazonaws.com", true, "examplebucket")) {
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("Date", "Fri, 24 May 2013 00:00:00 GMT");
			headers.put("x-amz-storage-class", "REDUCED_REDUNDANCY");
			SdkHttpRequest signed = uploads.sign(uploads.uri("test$file.text"),
					"Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8), headers,
					AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
					Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC));
			assertThat(signed.getUri().toString()).isEqualTo("https://examplebucket.s3.amazonaws.com/test%24file.text");
			assertThat(signed.firstMatchingHeader("x-amz-content-sha256"))
				.hasValue("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
			assertThat(signed.firstMatchingHeader("Authorization").orElseThrow())
				.contains("Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request")
				.contains("SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class")
				.contains("Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
		}
	}

	@Test
	void bucketsAndKeysAreAddressedAsS3AddressesThem() {
		try (S3Uploads aws = new S3Uploads("eu-west-1", null, false, "llm-logs")) {
			assertThat(aws.uri("logs/2026-12-06/time-10-00-00-000001_chatcmpl-1.json").toString()).isEqualTo(
					"https://llm-logs.s3.eu-west-1.amazonaws.com/logs/2026-12-06/time-10-00-00-000001_chatcmpl-1.json");
		}
		try (S3Uploads dotted = new S3Uploads("cn-north-1", null, false, "my.logs")) {
			assertThat(dotted.uri("a b/ü+.json").toString())
				.as("a dotted bucket in the path, the key's bytes encoded once")
				.isEqualTo("https://s3.cn-north-1.amazonaws.com.cn/my.logs/a%20b/%C3%BC%2B.json");
		}
		try (S3Uploads minio = new S3Uploads("us-east-1", "http://127.0.0.1:9000/", false, "logs")) {
			assertThat(minio.uri("k.json").toString()).isEqualTo("http://127.0.0.1:9000/logs/k.json");
		}
	}

}
