package dev.llmgw.fake.aws;

import org.jspecify.annotations.Nullable;

/**
 * Reads an AWS Signature Version 4 {@code Authorization} header, {@code AWS4-HMAC-SHA256
 * Credential=AKID/20260101/us-east-1/sagemaker/aws4_request, SignedHeaders=...,
 * Signature=...}. The signature itself is never checked: that needs the secret key, which
 * the fake never has, and that the client signed, for the right service, is what a test
 * of the signing path needs.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-auth-methods.html">Authentication
 * methods</a>
 */
public final class SigV4 {

	public static final String SCHEME = "AWS4-HMAC-SHA256";

	private static final String CREDENTIAL = "Credential=";

	private SigV4() {
	}

	public static boolean isSigned(@Nullable String authorization) {
		return authorization != null && authorization.startsWith(SCHEME + " ");
	}

	/**
	 * The service the credential is scoped to, e.g. {@code sagemaker} or {@code bedrock},
	 * or null when the header is not a SigV4 signature.
	 */
	public static @Nullable String service(@Nullable String authorization) {
		return scopePart(authorization, 3);
	}

	// Credential=<access key>/<date>/<region>/<service>/aws4_request
	private static @Nullable String scopePart(@Nullable String authorization, int index) {
		if (!isSigned(authorization)) {
			return null;
		}
		int start = authorization.indexOf(CREDENTIAL);
		if (start < 0) {
			return null;
		}
		start += CREDENTIAL.length();
		int end = authorization.indexOf(',', start);
		String[] scope = authorization.substring(start, (end < 0) ? authorization.length() : end).trim().split("/");
		return (scope.length == 5 && !scope[index].isEmpty()) ? scope[index] : null;
	}

}
