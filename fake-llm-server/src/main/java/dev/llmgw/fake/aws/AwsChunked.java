package dev.llmgw.fake.aws;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * A body sent {@code Content-Encoding: aws-chunked}, as the AWS SDK streams an upload it
 * signs chunk by chunk or checksums in a trailer (SigV4 streaming,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html):
 * {@code hex-size[;chunk-signature=...]\r\n<data>\r\n}, repeated, then a zero-size chunk
 * and the trailers, {@code name:value\r\n} each, and an empty line. Signatures are not
 * checked: the fake never has the secret key.
 *
 * @param data the object's bytes, the chunks joined
 * @param trailers the trailers by lower-case name, such as {@code x-amz-checksum-crc32}
 */
public record AwsChunked(byte[] data, Map<String, String> trailers) {

	private static final byte CR = '\r';

	private static final byte LF = '\n';

	/**
	 * Whether a request's body is aws-chunked: the SDK says so in
	 * {@code x-amz-content-sha256} (its {@code STREAMING-...} values) and, usually, in
	 * {@code Content-Encoding} too.
	 */
	public static boolean isAwsChunked(HttpHeaders headers) {
		return headers.get("x-amz-content-sha256", "").startsWith("STREAMING-")
				|| headers.get("Content-Encoding", "").toLowerCase(Locale.ROOT).contains("aws-chunked");
	}

	/**
	 * Decodes a whole aws-chunked body.
	 * @throws IllegalArgumentException when the body is not well-formed aws-chunked, as
	 * when a client stops mid-chunk
	 */
	public static AwsChunked decode(byte[] body) {
		ByteArrayOutputStream data = new ByteArrayOutputStream(body.length);
		int position = 0;
		while (true) {
			int lineEnd = lineEnd(body, position);
			if (lineEnd < 0) {
				throw new IllegalArgumentException("a chunk header does not end in CRLF at byte " + position);
			}
			String header = new String(body, position, lineEnd - position, StandardCharsets.US_ASCII);
			int size = size(header);
			position = lineEnd + 2;
			if (size == 0) {
				return new AwsChunked(data.toByteArray(), trailers(body, position));
			}
			if ((long) position + size + 2 > body.length || body[position + size] != CR
					|| body[position + size + 1] != LF) {
				throw new IllegalArgumentException(
						"the chunk at byte " + position + " is not " + size + " bytes followed by CRLF");
			}
			data.write(body, position, size);
			position += size + 2;
		}
	}

	private static int size(String header) {
		int extension = header.indexOf(';');
		String hex = ((extension < 0) ? header : header.substring(0, extension)).trim();
		try {
			int size = Integer.parseInt(hex, 16);
			if (size < 0) {
				throw new IllegalArgumentException("a negative chunk size: " + header);
			}
			return size;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("not a chunk size: " + header, ex);
		}
	}

	/**
	 * The trailers after the last chunk; a body that ends right after it (no trailers, no
	 * final empty line) is accepted, as S3 accepts it.
	 */
	private static Map<String, String> trailers(byte[] body, int start) {
		Map<String, String> trailers = new LinkedHashMap<>();
		int position = start;
		while (position < body.length) {
			int lineEnd = lineEnd(body, position);
			int end = (lineEnd < 0) ? body.length : lineEnd;
			String line = new String(body, position, end - position, StandardCharsets.UTF_8);
			if (line.isEmpty()) {
				break;
			}
			int colon = line.indexOf(':');
			if (colon > 0) {
				trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
						line.substring(colon + 1).trim());
			}
			position = end + 2;
		}
		return trailers;
	}

	private static int lineEnd(byte[] body, int from) {
		for (int i = from; i + 1 < body.length; i++) {
			if (body[i] == CR && body[i + 1] == LF) {
				return i;
			}
		}
		return -1;
	}

}
