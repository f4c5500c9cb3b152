package dev.llmgw.fake.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * S3 GetObject, path-style ({@code GET /{bucket}/{key}}), as
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html answers it, for
 * objects stored with {@code PUT /fake/s3/{bucket}/{key}}. A missing object is S3's 404
 * {@code NoSuchKey} XML error. A request is S3's when its SigV4 credential scope names
 * the {@code s3} service: provider paths cannot be told apart from object keys otherwise.
 */
public final class S3Objects {

	public static final String CONTROL_PREFIX = "/fake/s3/";

	private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

	public static boolean isS3Request(HttpHeaders headers) {
		String authorization = headers.get(HttpHeaderNames.AUTHORIZATION, "");
		return authorization.startsWith("AWS4-HMAC-SHA256") && authorization.contains("/s3/aws4_request");
	}

	public Mono<Void> put(String path, byte[] body, HttpServerResponse response) {
		this.objects.put(path.substring(CONTROL_PREFIX.length()), body);
		return response.status(HttpResponseStatus.OK).send();
	}

	public Mono<Void> get(String path, HttpServerResponse response) {
		String bucketAndKey = URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8);
		byte[] object = this.objects.get(bucketAndKey);
		if (object == null) {
			String key = bucketAndKey.contains("/") ? bucketAndKey.substring(bucketAndKey.indexOf('/') + 1) : "";
			byte[] error = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code>"
					+ "<Message>The specified key does not exist.</Message><Key>" + key
					+ "</Key><RequestId>fake</RequestId></Error>")
				.getBytes(StandardCharsets.UTF_8);
			return response.status(HttpResponseStatus.NOT_FOUND)
				.header(HttpHeaderNames.CONTENT_TYPE, "application/xml")
				.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(error.length))
				.send(Mono.just(Unpooled.wrappedBuffer(error)))
				.then();
		}
		return response.status(HttpResponseStatus.OK)
			.header(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(object.length))
			.header("ETag", "\"" + Integer.toHexString(Arrays.hashCode(object)) + "\"")
			.send(Mono.just(Unpooled.wrappedBuffer(object)))
			.then();
	}

}
