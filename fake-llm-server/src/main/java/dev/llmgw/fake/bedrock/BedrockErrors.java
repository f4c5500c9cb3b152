package dev.llmgw.fake.bedrock;

import dev.llmgw.fake.aws.AwsErrorReplies;
import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.Replies;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Bedrock's errors: the type in the {@code x-amzn-ErrorType} header, where the AWS SDK
 * reads it, the status Bedrock gives that type, and a {@code {"message"}} body. In a
 * stream that has begun, the same failures are exception frames.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors">Converse
 * errors</a>
 */
final class BedrockErrors {

	private static final String VALIDATION = "ValidationException";

	private BedrockErrors() {
	}

	static Mono<Void> send(HttpServerResponse response, FakeError error, int retryAfterSeconds, int promptTokens) {
		Replies.retryAfter(response, error, retryAfterSeconds);
		return switch (error.kind()) {
			case RATE_LIMIT ->
				reply(response, 429, "ThrottlingException", "Too many requests, please wait before trying again.");
			case INTERNAL_SERVER -> reply(response, 500, "InternalServerException",
					"The server encountered an internal error while processing the request.");
			case OVERLOADED ->
				reply(response, 503, "ServiceUnavailableException", "Bedrock is unable to process your request.");
			case AUTHENTICATION -> unrecognizedClient(response);
			case PERMISSION -> reply(response, 403, "AccessDeniedException",
					"You don't have access to the model with the specified model ID.");
			case NOT_FOUND -> reply(response, 404, "ResourceNotFoundException",
					"Could not resolve the foundation model from the provided model identifier.");
			case TIMEOUT -> reply(response, 408, "ModelTimeoutException",
					"Model has timed out in processing the request. Try your request again.");
			case BAD_REQUEST ->
				validation(response, "Malformed input request, please reformat your input and try again.");
			case CONTEXT_WINDOW_EXCEEDED -> validation(response, "Input is too long for requested model.");
			// Converse answers a guardrail with a 200; this is the image and embedding
			// models' own content filter
			case CONTENT_POLICY -> validation(response, "This request has been blocked by our content filters.");
			case OTHER ->
				reply(response, error.status(), typeOfStatus(error.status()), "Fake error " + error.status() + ".");
		};
	}

	static Mono<Void> validation(HttpServerResponse response, String message) {
		return reply(response, 400, VALIDATION, message);
	}

	static Mono<Void> unrecognizedClient(HttpServerResponse response) {
		return reply(response, 403, "UnrecognizedClientException",
				"The security token included in the request is invalid.");
	}

	/**
	 * The exception frame that ends a stream after {@code error_after_chunks}: the
	 * requested failure as ConverseStream's union names it, or a model stream error.
	 */
	static byte[] streamException(@Nullable FakeError error) {
		if (error == null) {
			return EventFrames.exception("modelStreamErrorException",
					"The model encountered an error while streaming the response.");
		}
		return switch (error.kind()) {
			case RATE_LIMIT ->
				EventFrames.exception("throttlingException", "Too many requests, please wait before trying again.");
			case INTERNAL_SERVER -> EventFrames.exception("internalServerException",
					"The server encountered an internal error while processing the request.");
			case OVERLOADED ->
				EventFrames.exception("serviceUnavailableException", "Bedrock is unable to process your request.");
			case BAD_REQUEST -> EventFrames.exception("validationException",
					"Malformed input request, please reformat your input and try again.");
			case CONTEXT_WINDOW_EXCEEDED ->
				EventFrames.exception("validationException", "Input is too long for requested model.");
			default -> streamException(null);
		};
	}

	private static String typeOfStatus(int status) {
		return switch (status) {
			case 400 -> VALIDATION;
			case 403 -> "AccessDeniedException";
			case 404 -> "ResourceNotFoundException";
			case 408 -> "ModelTimeoutException";
			case 424 -> "ModelErrorException";
			case 429 -> "ThrottlingException";
			case 503 -> "ServiceUnavailableException";
			default -> (status >= 500) ? "InternalServerException" : VALIDATION;
		};
	}

	static Mono<Void> reply(HttpServerResponse response, int status, String type, String message) {
		return AwsErrorReplies.reply(response, status, type, message);
	}

}
