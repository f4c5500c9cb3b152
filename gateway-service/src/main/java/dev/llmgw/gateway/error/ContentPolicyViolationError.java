package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/**
 * 400: the provider's or a guardrail's content policy refused the request;
 * content_policy_fallbacks react to this type.
 */
public final class ContentPolicyViolationError extends GatewayError {

	public static final String TYPE = "invalid_request_error";

	public ContentPolicyViolationError(String message) {
		this(message, null, null);
	}

	/**
	 * @param message for a person
	 * @param type the error type, {@link #TYPE} when null (providers' own types are kept)
	 * @param param the request field at fault
	 */
	public ContentPolicyViolationError(String message, @Nullable String type, @Nullable String param) {
		super(400, (type != null) ? type : TYPE, message, param);
	}

}
