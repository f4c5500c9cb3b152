package dev.llmgw.gateway.providers.sagemaker;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The body of a SageMaker Runtime error, its type being in {@code x-amzn-ErrorType}:
 * {@code {"message"}} for a failure of the service (null for a ThrottlingException), and
 * for a {@code ModelError} the container's own status and body, which SageMaker wraps in
 * a 424 instead of passing them on; stream exceptions carry {@code Message} and
 * {@code ErrorCode}
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html#API_runtime_InvokeEndpoint_Errors).
 *
 * @param message the service's message
 * @param capitalMessage the same, as ModelError and the stream exceptions spell it
 * @param errorCode e.g. {@code CLIENT_ERROR_FROM_MODEL} or {@code ModelStreamError}
 * @param originalStatusCode the container's status; 0 when it did not answer in time
 * @param originalMessage the container's body
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SageMakerErrorBody(@JsonProperty("message") @Nullable String message,
		@JsonProperty("Message") @Nullable String capitalMessage, @JsonProperty("ErrorCode") @Nullable String errorCode,
		@JsonProperty("OriginalStatusCode") @Nullable Integer originalStatusCode,
		@JsonProperty("OriginalMessage") @Nullable String originalMessage) {

	/** The members' JSON names: a body with none of them is someone else's. */
	static final List<String> MEMBERS = List.of("message", "Message", "ErrorCode", "OriginalStatusCode",
			"OriginalMessage");

	@Nullable String text() {
		return (this.message != null) ? this.message : this.capitalMessage;
	}

}
