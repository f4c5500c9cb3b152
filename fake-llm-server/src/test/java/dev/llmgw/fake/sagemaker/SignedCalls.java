package dev.llmgw.fake.sagemaker;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.llmgw.fake.TestServer;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SageMaker calls signed by the AWS SDK's own SigV4 signer, as the SDK's
 * {@code sagemaker-runtime} client signs them, sent with the plain test client.
 */
final class SignedCalls {

	static final String ACCESS_KEY = "AKIDSAGEMAKER";

	// the JDK client sets these itself and refuses them as headers
	private static final Set<String> RESTRICTED = Set.of("host", "content-length");

	private SignedCalls() {
	}

	static HttpResponse<String> invoke(TestServer server, String endpoint, String body, String... extraHeaders) {
		String path = "/endpoints/" + endpoint + "/invocations";
		return server.post(path, body, headers(server, path, body, "sagemaker", extraHeaders));
	}

	static HttpResponse<byte[]> invokeStream(TestServer server, String endpoint, String body, String... extraHeaders)
			throws Exception {
		String path = "/endpoints/" + endpoint + "/invocations-response-stream";
		return server.postForBytes(path, body, headers(server, path, body, "sagemaker", extraHeaders));
	}

	/**
	 * The headers of a request signed for {@code service}, as name, value pairs.
	 */
	static String[] headers(TestServer server, String path, String body, String service, String... extraHeaders) {
		SdkHttpRequest.Builder request = SdkHttpRequest.builder()
			.method(SdkHttpMethod.POST)
			.uri(URI.create(server.server().baseUrl() + path))
			.putHeader("Content-Type", "application/json");
		for (int i = 0; i < extraHeaders.length; i += 2) {
			request.putHeader(extraHeaders[i], extraHeaders[i + 1]);
		}
		SignedRequest signed = AwsV4HttpSigner.create()
			.sign((sign) -> sign.identity(AwsCredentialsIdentity.create(ACCESS_KEY, "secret"))
				.request(request.build())
				.payload(ContentStreamProvider.fromUtf8String(body))
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
				.putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
		List<String> headers = new ArrayList<>();
		signed.request().forEachHeader((name, values) -> {
			if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
				values.forEach((value) -> {
					headers.add(name);
					headers.add(value);
				});
			}
		});
		return headers.toArray(String[]::new);
	}

	static List<Message> frames(byte[] body) {
		MessageDecoder decoder = new MessageDecoder();
		decoder.feed(body);
		return decoder.getDecodedMessages();
	}

	static String header(Message frame, String name) {
		return frame.getHeaders().get(name).getString();
	}

	/**
	 * The container's stream put back together from its parts, as a client must.
	 */
	static String reassembled(List<Message> frames) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (Message frame : frames) {
			if (header(frame, ":message-type").equals("event")) {
				bytes.writeBytes(frame.getPayload());
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

}
