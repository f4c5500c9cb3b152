package dev.llmgw.cloud;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A value as AWS wants it in a request path (SigV4's URI encoding): every byte but RFC
 * 3986's unreserved characters percent-encoded in upper-case hex, for the requests the
 * gateway signs itself (S3 object keys, Bedrock guardrail ARNs).
 */
public final class AwsPathEncoding {

	private AwsPathEncoding() {
	}

	/**
	 * @param value the text
	 * @param keepSlashes whether {@code /} stays as it is (an S3 key's folders) or is
	 * encoded (one path label, such as an ARN)
	 * @return the encoded text
	 */
	public static String encode(String value, boolean keepSlashes) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream encoded = new ByteArrayOutputStream(bytes.length + 16);
		for (byte b : bytes) {
			int c = b & 0xff;
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
					|| c == '.' || c == '~' || (keepSlashes && c == '/')) {
				encoded.write(c);
			}
			else {
				encoded.write('%');
				encoded.write(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
				encoded.write(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
			}
		}
		return encoded.toString(StandardCharsets.US_ASCII);
	}

}
