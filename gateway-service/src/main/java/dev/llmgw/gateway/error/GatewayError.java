package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/**
 * Every failure the gateway reports to a caller, named like the OpenAI SDK's error
 * classes. Each protocol has one renderer covering the whole family, and routing chooses
 * retries and fallbacks by the member's type, never by its message. The body's
 * {@code code} is the status as a string, as LiteLLM sends it (shared/spec/admin-api.md,
 * "Our decisions"). No stack traces: these are answers, not bugs, and some are on the hot
 * path.
 */
public abstract sealed class GatewayError extends RuntimeException
		permits AuthenticationError, PermissionDeniedError, NotFoundError, BadRequestError, ContextWindowExceededError,
		ContentPolicyViolationError, RateLimitError, BudgetExceededError, RequestTooLargeError, TimeoutError,
		UpstreamError, UpstreamUnavailableError, ServiceUnavailableError, InternalError, GuardrailViolationError {

	private final int status;

	private final String type;

	private final @Nullable String param;

	protected GatewayError(int status, String type, String message, @Nullable String param) {
		super(message, null, false, false);
		this.status = status;
		this.type = type;
		this.param = param;
	}

	public int status() {
		return this.status;
	}

	public String type() {
		return this.type;
	}

	public @Nullable String param() {
		return this.param;
	}

	/** The status as a string, LiteLLM's {@code code}. */
	public String code() {
		return String.valueOf(this.status);
	}

	@Override
	public String getMessage() {
		String message = super.getMessage();
		return (message != null) ? message : this.type;
	}

	/** Whether another attempt, at this or another deployment, may succeed. */
	public boolean isRetryable() {
		return false;
	}

}
