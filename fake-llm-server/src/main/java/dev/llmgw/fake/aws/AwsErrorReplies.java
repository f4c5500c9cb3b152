package dev.llmgw.fake.aws;

import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The error shape AWS's JSON services share (Bedrock, SageMaker Runtime): the error's
 * type in {@code x-amzn-ErrorType}, which the SDKs read, and {@code {"message"}} in the
 * body.
 */
public final class AwsErrorReplies {

	/** The header that names an AWS error's type. */
	public static final String ERROR_TYPE = "x-amzn-ErrorType";

	private AwsErrorReplies() {
	}

	public static Mono<Void> reply(HttpServerResponse response, int status, String type, @Nullable String message) {
		response.header(ERROR_TYPE, type);
		byte[] body = Json.write((json) -> {
			json.writeStartObject();
			json.writeStringProperty("message", message);
			json.writeEndObject();
		});
		return Replies.json(response, HttpResponseStatus.valueOf(status), body);
	}

}
