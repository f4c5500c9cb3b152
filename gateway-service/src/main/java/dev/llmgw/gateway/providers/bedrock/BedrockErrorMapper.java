package dev.llmgw.gateway.providers.bedrock;

import java.util.concurrent.CompletionException;

import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.ContextWindowExceededError;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.error.PermissionDeniedError;
import dev.llmgw.gateway.error.RateLimitError;
import dev.llmgw.gateway.error.TimeoutError;
import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.error.UpstreamUnavailableError;
import dev.llmgw.gateway.providers.Deployment;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Bedrock's errors, as the AWS SDK raises them, to the gateway's error family, by the
 * error type Bedrock names in {@code x-amzn-ErrorType}
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors).
 * Bedrock has no error code for an over-long prompt, only a ValidationException whose
 * message says so; that message is the one place read, as LiteLLM also does.
 */
final class BedrockErrorMapper {

	private BedrockErrorMapper() {
	}

	static Throwable map(Throwable thrown, Deployment deployment, boolean streaming) {
		Throwable error = (thrown instanceof CompletionException && thrown.getCause() != null) ? thrown.getCause()
				: thrown;
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof GatewayError known) {
				return known;
			}
		}
		String who = "bedrock (model " + deployment.modelName() + ")";
		if (error instanceof ApiCallTimeoutException || error instanceof ApiCallAttemptTimeoutException
				|| error.getCause() instanceof io.netty.handler.timeout.ReadTimeoutException) {
			double seconds = (streaming ? deployment.streamTimeout() : deployment.timeout()).toMillis() / 1000.0;
			return new TimeoutError("litellm.Timeout: " + who + " did not answer within " + seconds + "s");
		}
		if (error instanceof AwsServiceException service) {
			return fromService(service, who);
		}
		if (error instanceof SdkClientException) {
			return new UpstreamUnavailableError(
					"litellm.APIConnectionError: cannot reach " + who + ": " + error.getClass().getSimpleName());
		}
		return error;
	}

	private static GatewayError fromService(AwsServiceException error, String who) {
		String code = (error.awsErrorDetails() != null) ? error.awsErrorDetails().errorCode() : null;
		String detail = (error.awsErrorDetails() != null && error.awsErrorDetails().errorMessage() != null)
				? error.awsErrorDetails().errorMessage() : error.getMessage();
		String message = "BedrockException - " + detail;
		int status = error.statusCode();
		String type = (code != null) ? code : "";
		return switch (type) {
			case "ValidationException" -> isContextWindow(detail)
					? new ContextWindowExceededError("litellm.ContextWindowExceededError: " + message)
					: new BadRequestError("litellm.BadRequestError: " + message);
			case "AccessDeniedException" -> new PermissionDeniedError("litellm.PermissionDeniedError: " + message);
			case "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException",
					"IncompleteSignature", "MissingAuthenticationToken" ->
				new AuthenticationError("litellm.AuthenticationError: " + message);
			case "ResourceNotFoundException" -> new NotFoundError("litellm.NotFoundError: " + message);
			case "ThrottlingException", "ModelNotReadyException", "ServiceQuotaExceededException" ->
				new RateLimitError("litellm.RateLimitError: " + message, retryAfter(error));
			case "ModelTimeoutException" -> new TimeoutError("litellm.Timeout: " + message);
			case "ServiceUnavailableException" ->
				new UpstreamError(503, "api_error", "litellm.ServiceUnavailableError: " + message, null);
			default -> new UpstreamError((status >= 400) ? status : 500,
					(status >= 500) ? "api_error" : "invalid_request_error",
					"litellm.APIError: " + message + " (" + who + ")", null);
		};
	}

	private static boolean isContextWindow(String message) {
		String lower = message.toLowerCase(java.util.Locale.ROOT);
		return lower.contains("too long") || lower.contains("context length") || lower.contains("too many tokens")
				|| lower.contains("input length");
	}

	private static @org.jspecify.annotations.Nullable String retryAfter(AwsServiceException error) {
		return (error.awsErrorDetails() != null && error.awsErrorDetails().sdkHttpResponse() != null)
				? error.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After").orElse(null) : null;
	}

}
