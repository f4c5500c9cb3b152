package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/**
 * 400: the provider's or a guardrail's content policy refused the request;
 * content_policy_fallbacks react to this type.
 */
public final class ContentPolicyViolationError extends GatewayError {

	public ContentPolicyViolationError(String message) {
		this(message, null, "content_policy_violation");
	}

	public ContentPolicyViolationError(String message, @Nullable String param, @Nullable String code) {
		super(400, "invalid_request_error", message, param, code);
	}

}
