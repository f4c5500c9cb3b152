package dev.llmgw.fake.sagemaker;

import java.nio.charset.StandardCharsets;

import dev.llmgw.fake.aws.EventStreamFrames;
import dev.llmgw.fake.aws.AwsErrorReplies;
import dev.llmgw.fake.directive.ErrorKind;
import dev.llmgw.fake.directive.FakeError;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.JsonContent;
import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * SageMaker's errors: the type in {@code x-amzn-ErrorType}, where the AWS SDK reads it,
 * with the status SageMaker gives it. Failures of the service itself carry
 * {@code {"message"}}; a failure of the container is a 424 {@code ModelError} that wraps
 * the container's own status and body ({@code OriginalStatusCode},
 * {@code OriginalMessage}), since SageMaker never passes a container's status through. A
 * throttled call is a 400 {@code ThrottlingException} with a null message, as SageMaker
 * answers one, so a client must tell it by its type, not its status.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html#API_runtime_InvokeEndpoint_Errors">InvokeEndpoint
 * errors</a>
 * @see <a href=
 * "https://docs.aws.amazon.com/sagemaker/latest/APIReference/CommonErrors.html">Common
 * errors</a>
 */
final class SageMakerErrors {

	/** The account the fake's endpoints belong to, quoted as SageMaker quotes it. */
	static final String ACCOUNT = "123456789012";

	private static final String REGION = "us-east-1";

	private static final String ERROR_TYPE = AwsErrorReplies.ERROR_TYPE;

	private static final String VALIDATION = "ValidationError";

	// TGI's own limit, quoted by its input validation error
	private static final int MAX_TOTAL_TOKENS = 4096;

	private SageMakerErrors() {
	}

	/**
	 * Answers a simulated failure; an {@link dev.llmgw.fake.http.ErrorRenderer}, so the
	 * OpenAI chat route can fail as SageMaker does. The endpoint comes from the request
	 * path, for the messages that name it.
	 */
	static Mono<Void> send(HttpServerResponse response, FakeError error, int retryAfterSeconds, int promptTokens) {
		Replies.retryAfter(response, error, retryAfterSeconds);
		SageMakerPath path = SageMakerPath.ofUri(response.uri());
		String endpoint = (path != null) ? path.name() : "endpoint";
		return switch (error.kind()) {
			case RATE_LIMIT -> reply(response, 400, "ThrottlingException", null);
			case INTERNAL_SERVER -> reply(response, 500, "InternalFailure", "An internal failure occurred.");
			case OVERLOADED ->
				reply(response, 503, "ServiceUnavailable", "The service is unavailable. Try your call again.");
			case AUTHENTICATION -> reply(response, 403, "UnrecognizedClientException",
					"The security token included in the request is invalid.");
			case PERMISSION -> reply(response, 400, "AccessDeniedException",
					"User: arn:aws:iam::" + ACCOUNT
							+ ":user/fake is not authorized to perform: sagemaker:InvokeEndpoint"
							+ " on resource: arn:aws:sagemaker:" + REGION + ":" + ACCOUNT + ":endpoint/" + endpoint
							+ " because no identity-based policy allows the sagemaker:InvokeEndpoint action");
			case NOT_FOUND -> endpointNotFound(response, endpoint);
			case TIMEOUT -> modelError(response, endpoint, 0,
					"Your invocation timed out while waiting for a response from container primary. Review the latency "
							+ "metrics for each container in Amazon CloudWatch, resolve the issue, and try again.");
			case BAD_REQUEST -> modelError(response, endpoint, 400, tgiError("Input validation error: bad request"));
			case CONTEXT_WINDOW_EXCEEDED -> modelError(response, endpoint, 422,
					tgiError("Input validation error: `inputs` tokens + `max_new_tokens` must be <= " + MAX_TOTAL_TOKENS
							+ ". Given: " + (promptTokens + MAX_TOTAL_TOKENS) + " `inputs` tokens and 256 "
							+ "`max_new_tokens`"));
			case CONTENT_POLICY ->
				modelError(response, endpoint, 400, tgiError("Input validation error: the prompt was refused"));
			case OTHER ->
				modelError(response, endpoint, error.status(), tgiError("Fake error " + error.status() + "."));
		};
	}

	static Mono<Void> validation(HttpServerResponse response, String message) {
		return reply(response, 400, VALIDATION, message);
	}

	static Mono<Void> endpointNotFound(HttpServerResponse response, String endpoint) {
		return validation(response, "Endpoint " + endpoint + " of account " + ACCOUNT + " not found.");
	}

	/**
	 * An unsigned request, answered as AWS answers one before any service sees it.
	 */
	static Mono<Void> missingAuthenticationToken(HttpServerResponse response) {
		return reply(response, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
	}

	/**
	 * A request signed for another service, e.g. {@code bedrock}: SageMaker Runtime's
	 * signing name is {@code sagemaker}, not its endpoint prefix
	 * {@code runtime.sagemaker}.
	 */
	static Mono<Void> wrongService(HttpServerResponse response) {
		return reply(response, 403, "InvalidSignatureException",
				"Credential should be scoped to correct service: 'sagemaker'. ");
	}

	/**
	 * The container answered an error: SageMaker's 424 wrapping it.
	 * @param originalStatus the container's status; 0 when it did not answer in time
	 * @param originalMessage the container's body
	 */
	static Mono<Void> modelError(HttpServerResponse response, String endpoint, int originalStatus,
			String originalMessage) {
		boolean client = originalStatus >= 400 && originalStatus < 500;
		String message = "Received " + (client ? "client" : "server") + " error (" + originalStatus
				+ ") from primary with message \"" + originalMessage + "\". See https://" + REGION
				+ ".console.aws.amazon.com/cloudwatch/home?region=" + REGION
				+ "#logEventViewer:group=/aws/sagemaker/Endpoints/" + endpoint + " in account " + ACCOUNT
				+ " for more information.";
		response.header(ERROR_TYPE, "ModelError");
		byte[] body = Json.write((json) -> {
			json.writeStartObject();
			json.writeStringProperty("ErrorCode", client ? "CLIENT_ERROR_FROM_MODEL" : "SERVER_ERROR_FROM_MODEL");
			json.writeStringProperty("LogStreamArn",
					"arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:/aws/sagemaker/Endpoints/" + endpoint);
			json.writeStringProperty("Message", message);
			json.writeStringProperty("OriginalMessage", originalMessage);
			json.writeNumberProperty("OriginalStatusCode", originalStatus);
			json.writeEndObject();
		});
		return Replies.json(response, HttpResponseStatus.valueOf(424), body);
	}

	/**
	 * TGI's error body, {@code {"error","error_type"}}, which a {@code ModelError}
	 * quotes.
	 */
	static String tgiError(String message) {
		return new String(Json.write((json) -> {
			json.writeStartObject();
			json.writeStringProperty("error", message);
			json.writeStringProperty("error_type", "validation");
			json.writeEndObject();
		}), StandardCharsets.UTF_8);
	}

	/**
	 * The exception frame that ends a stream after {@code error_after_chunks}: an
	 * {@code InternalStreamFailure} for a failure of the service, otherwise a
	 * {@code ModelStreamError}, the only two failures the response stream models.
	 */
	static byte[] streamException(@Nullable FakeError error) {
		boolean serviceFailure = error != null
				&& (error.kind() == ErrorKind.INTERNAL_SERVER || error.kind() == ErrorKind.OVERLOADED);
		if (serviceFailure) {
			return EventStreamFrames.exception("InternalStreamFailure", Json.write(members(
					"The stream processing failed because of an unknown error, exception or failure. Try your request again.",
					null)));
		}
		return EventStreamFrames.exception("ModelStreamError",
				Json.write(members("An error occurred while streaming the response body.", "ModelStreamError")));
	}

	// the stream exceptions' modelled members
	private static JsonContent members(String message, @Nullable String errorCode) {
		return (json) -> {
			json.writeStartObject();
			json.writeStringProperty("Message", message);
			if (errorCode != null) {
				json.writeStringProperty("ErrorCode", errorCode);
			}
			json.writeEndObject();
		};
	}

	private static Mono<Void> reply(HttpServerResponse response, int status, String type, @Nullable String message) {
		return AwsErrorReplies.reply(response, status, type, message);
	}

}
