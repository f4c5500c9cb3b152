package dev.llmgw.gateway.error;

import org.jspecify.annotations.Nullable;

/**
 * Every failure the gateway reports to a caller, named like the OpenAI SDK's error
 * classes. Each protocol has one renderer covering the whole family, and routing chooses
 * retries and fallbacks by the member's type, never by its message. No stack traces:
 * these are answers, not bugs, and some are on the hot path.
 */
public abstract sealed class GatewayError extends RuntimeException
		permits AuthenticationError, PermissionDeniedError, NotFoundError, BadRequestError, ContextWindowExceededError,
		ContentPolicyViolationError, RateLimitError, BudgetExceededError, RequestTooLargeError, TimeoutError,
		UpstreamError, UpstreamUnavailableError, InternalError {

	private final int status;

	private final String type;

	private final @Nullable String param;

	private final @Nullable String code;

	protected GatewayError(int status, String type, String message, @Nullable String param, @Nullable String code) {
		super(message, null, false, false);
		this.status = status;
		this.type = type;
		this.param = param;
		this.code = code;
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

	public @Nullable String code() {
		return this.code;
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
