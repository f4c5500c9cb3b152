package dev.llmgw.fake.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.PathSegments;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * S3 GetObject and PutObject, path-style ({@code GET|PUT /{bucket}/{key}}), as
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html and
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html answer them. Objects
 * come from a signed PutObject (its body aws-chunked decoded, see {@link AwsChunked}) or
 * from {@code PUT /fake/s3/{bucket}/{key}}. A missing object is S3's 404
 * {@code NoSuchKey} XML error. A request is S3's when its SigV4 credential scope names
 * the {@code s3} service: provider paths cannot be told apart from object keys otherwise.
 * <p>
 * PutObject is how the gateway's S3 logging callback delivers, so what it stored is kept
 * in order for {@code GET /fake/s3-objects} (optionally {@code ?prefix=} of the key):
 * {@code [{"bucket","key","headers","body"}]}, the body as JSON when it is JSON;
 * {@code DELETE /fake/s3-objects} forgets those objects.
 */
public final class S3Objects {

	public static final String CONTROL_PREFIX = "/fake/s3/";

	public static final String UPLOADS_PATH = "/fake/s3-objects";

	/**
	 * The PutObject headers that say something about a logged object; the rest
	 * (signature, checksums, lengths) are transport.
	 */
	private static final List<String> KEPT_HEADERS = List.of("content-type", "content-language", "content-disposition",
			"cache-control", "content-md5", "x-amz-server-side-encryption",
			"x-amz-server-side-encryption-aws-kms-key-id");

	private static final HexFormat HEX = HexFormat.of();

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

	/** A queue, not a copy-on-write list: a load test stores hundreds of thousands. */
	private final Queue<ReceivedObject> uploads = new ConcurrentLinkedQueue<>();

	public static boolean isS3Request(HttpHeaders headers) {
		String authorization = headers.get(HttpHeaderNames.AUTHORIZATION, "");
		return authorization.startsWith("AWS4-HMAC-SHA256") && authorization.contains("/s3/aws4_request");
	}

	public Mono<Void> put(String path, byte[] body, HttpServerResponse response) {
		this.objects.put(path.substring(CONTROL_PREFIX.length()), body);
		return response.status(HttpResponseStatus.OK).send();
	}

	/**
	 * A signed PutObject: stores the object and answers its ETag, the hex MD5 of the
	 * content as S3 answers it for an unencrypted single-part upload.
	 */
	public Mono<Void> putObject(String path, HttpHeaders headers, byte[] body, HttpServerResponse response) {
		String bucketAndKey = bucketAndKey(path);
		int slash = bucketAndKey.indexOf('/');
		if (slash <= 0 || slash == bucketAndKey.length() - 1) {
			return error(response, HttpResponseStatus.NOT_IMPLEMENTED, "NotImplemented",
					"The fake implements PutObject only: PUT /{bucket}/{key}, path style", "");
		}
		byte[] content = body;
		Map<String, String> trailers = Map.of();
		if (AwsChunked.isAwsChunked(headers)) {
			AwsChunked chunked;
			try {
				chunked = AwsChunked.decode(body);
			}
			catch (IllegalArgumentException ex) {
				return error(response, HttpResponseStatus.BAD_REQUEST, "IncompleteBody",
						"The aws-chunked body is malformed: " + ex.getMessage(), bucketAndKey.substring(slash + 1));
			}
			content = chunked.data();
			trailers = chunked.trailers();
			String declared = headers.get("x-amz-decoded-content-length");
			if (declared != null && !declared.equals(Integer.toString(content.length))) {
				return error(
						response, HttpResponseStatus.BAD_REQUEST, "IncompleteBody", "x-amz-decoded-content-length is "
								+ declared + " but the chunks hold " + content.length + " bytes",
						bucketAndKey.substring(slash + 1));
			}
		}
		Map<String, String> kept = new LinkedHashMap<>();
		for (String name : KEPT_HEADERS) {
			String value = headers.get(name);
			if (value != null) {
				kept.put(name, value);
			}
		}
		this.objects.put(bucketAndKey, content);
		this.uploads.add(
				new ReceivedObject(bucketAndKey.substring(0, slash), bucketAndKey.substring(slash + 1), kept, content));
		response.status(HttpResponseStatus.OK)
			.header("ETag", etag(content))
			.header(HttpHeaderNames.CONTENT_LENGTH, "0");
		// S3 answers the checksum the client sent, in a header or a trailer
		echoChecksums(headers.entries(), response);
		echoChecksums(trailers.entrySet(), response);
		return response.send();
	}

	public Mono<Void> get(String path, HttpServerResponse response) {
		String bucketAndKey = bucketAndKey(path);
		byte[] object = this.objects.get(bucketAndKey);
		if (object == null) {
			String key = bucketAndKey.contains("/") ? bucketAndKey.substring(bucketAndKey.indexOf('/') + 1) : "";
			return error(response, HttpResponseStatus.NOT_FOUND, "NoSuchKey", "The specified key does not exist.", key);
		}
		return response.status(HttpResponseStatus.OK)
			.header(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(object.length))
			.header("ETag", etag(object))
			.send(Mono.just(Unpooled.wrappedBuffer(object)))
			.then();
	}

	/**
	 * What signed PutObjects stored, in the order received, as
	 * {@code [{"bucket","key","headers","body"}]}.
	 * @param prefix when not null, only the keys that start with it
	 */
	public Mono<Void> uploads(@Nullable String prefix, HttpServerResponse response) {
		ArrayNode all = this.json.createArrayNode();
		for (ReceivedObject upload : this.uploads) {
			if (prefix != null && !upload.key().startsWith(prefix)) {
				continue;
			}
			ObjectNode node = all.addObject().put("bucket", upload.bucket()).put("key", upload.key());
			ObjectNode headers = node.putObject("headers");
			upload.headers().forEach(headers::put);
			node.set("body", Json.readOrText(upload.body()));
		}
		return response.status(HttpResponseStatus.OK)
			.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
			.sendByteArray(Mono.just(this.json.writeValueAsBytes(all)))
			.then();
	}

	/**
	 * Forgets what signed PutObjects stored, objects included; objects stored with
	 * {@code PUT /fake/s3/} (a service's config) stay.
	 */
	public void resetUploads() {
		for (ReceivedObject upload : this.uploads) {
			this.objects.remove(upload.bucket() + "/" + upload.key());
		}
		this.uploads.clear();
	}

	/**
	 * S3's XML error for a status a test asks a collector fault for: 503 is S3's
	 * throttling {@code SlowDown}, which the SDK retries with a longer backoff.
	 */
	public static Mono<Void> fault(HttpServerResponse response, int status) {
		HttpResponseStatus responseStatus = HttpResponseStatus.valueOf(status);
		return switch (status) {
			case 400 -> error(response, responseStatus, "InvalidRequest", "Fake fault: invalid request", "");
			case 403 -> error(response, responseStatus, "AccessDenied", "Access Denied", "");
			case 404 -> error(response, responseStatus, "NoSuchBucket", "The specified bucket does not exist", "");
			case 501 -> error(response, responseStatus, "NotImplemented",
					"A header you provided implies functionality that is not implemented", "");
			case 503 -> error(response, responseStatus, "SlowDown", "Please reduce your request rate.", "");
			default -> (status >= 500)
					? error(response, responseStatus, "InternalError",
							"We encountered an internal error. Please try again.", "")
					: error(response, responseStatus, "InvalidRequest", "Fake fault: " + status, "");
		};
	}

	private static Mono<Void> error(HttpServerResponse response, HttpResponseStatus status, String code, String message,
			String key) {
		byte[] error = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
				+ message + "</Message>" + (key.isEmpty() ? "" : "<Key>" + key + "</Key>")
				+ "<RequestId>fake</RequestId></Error>")
			.getBytes(StandardCharsets.UTF_8);
		return response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, "application/xml")
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(error.length))
			.send(Mono.just(Unpooled.wrappedBuffer(error)))
			.then();
	}

	/**
	 * The bucket and key of a path-style request, decoded: the SDK percent-encodes a
	 * key's characters but its slashes, and a {@code +} in a path is itself.
	 */
	private static String bucketAndKey(String path) {
		return PathSegments.decode(path.substring(1));
	}

	private static String etag(byte[] content) {
		try {
			return "\"" + HEX.formatHex(MessageDigest.getInstance("MD5").digest(content)) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has MD5", ex);
		}
	}

	private static void echoChecksums(Iterable<Map.Entry<String, String>> fields, HttpServerResponse response) {
		for (Map.Entry<String, String> field : fields) {
			if (field.getKey().regionMatches(true, 0, "x-amz-checksum-", 0, "x-amz-checksum-".length())
					&& !field.getKey().equalsIgnoreCase("x-amz-checksum-algorithm")) {
				response.header(field.getKey().toLowerCase(Locale.ROOT), field.getValue());
			}
		}
	}

}
