package dev.llmgw.fake.vertex;

import dev.llmgw.fake.gemini.GeminiErrors;
import dev.llmgw.fake.http.JsonContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * How Vertex AI refuses a call before any model sees it, in Google's error shape with the
 * {@code ErrorInfo} reason clients act on: a missing, unknown or expired token is a 401,
 * a token without the {@code cloud-platform} scope a 403.
 *
 * @see <a href="https://cloud.google.com/apis/design/errors#error_info">ErrorInfo</a>
 */
final class VertexErrors {

	private static final String SERVICE = "aiplatform.googleapis.com";

	private VertexErrors() {
	}

	/**
	 * @param reason {@code CREDENTIALS_MISSING}, {@code ACCESS_TOKEN_TYPE_UNSUPPORTED} or
	 * {@code ACCESS_TOKEN_EXPIRED}
	 */
	static Mono<Void> unauthenticated(HttpServerResponse response, String reason) {
		response.header(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"https://accounts.google.com/\"");
		return GeminiErrors.reply(response, 401,
				"Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other "
						+ "valid authentication credential. See "
						+ "https://developers.google.com/identity/sign-in/web/devconsole-project.",
				errorInfo(reason));
	}

	static Mono<Void> insufficientScopes(HttpServerResponse response) {
		response.header(HttpHeaderNames.WWW_AUTHENTICATE,
				"Bearer realm=\"https://accounts.google.com/\", error=\"insufficient_scope\", "
						+ "scope=\"https://www.googleapis.com/auth/cloud-platform\"");
		return GeminiErrors.reply(response, 403, "Request had insufficient authentication scopes.",
				errorInfo("ACCESS_TOKEN_SCOPE_INSUFFICIENT"));
	}

	static Mono<Void> notFound(HttpServerResponse response, VertexPath path) {
		return GeminiErrors.reply(response, 404, "Publisher Model `" + path.resourceName() + "` does not support "
				+ path.method() + " or was not found.", null);
	}

	private static JsonContent errorInfo(String reason) {
		return (json) -> {
			json.writeStartObject();
			json.writeStringProperty("@type", "type.googleapis.com/google.rpc.ErrorInfo");
			json.writeStringProperty("reason", reason);
			json.writeStringProperty("domain", "googleapis.com");
			json.writeObjectPropertyStart("metadata");
			json.writeStringProperty("service", SERVICE);
			json.writeEndObject();
			json.writeEndObject();
		};
	}

}
