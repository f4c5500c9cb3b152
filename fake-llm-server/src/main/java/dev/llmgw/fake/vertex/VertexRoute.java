package dev.llmgw.fake.vertex;

import java.util.Objects;

import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.google.AccessGrant;
import dev.llmgw.fake.google.AccessTokens;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Vertex AI's publisher model methods, {@code POST /v1/projects/{project}/locations/
 * {location}/publishers/{publisher}/models/{model}:{method}} (and {@code /v1beta1/}):
 * Gemini's {@code generateContent} and {@code streamGenerateContent}, answered by the
 * Gemini route as the Gemini API answers them; the embedding models' {@code predict};
 * Claude's {@code rawPredict} and {@code streamRawPredict}, answered by the Anthropic
 * route. Every call needs {@code Authorization: Bearer} with a live token from the fake's
 * {@code POST /token} that was granted the {@code cloud-platform} scope; the server's API
 * key is not accepted in its place.
 *
 * @see <a href=
 * "https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/inference">Generate
 * content with the Gemini API in Vertex AI</a>
 */
public final class VertexRoute implements ProviderRoute {

	private static final String BEARER = "Bearer ";

	private final AccessTokens tokens;

	private final ProviderRoute gemini;

	private final VertexPredict predict;

	private final VertexAnthropic anthropic;

	/**
	 * @param tokens the tokens the fake's token endpoint issued
	 * @param gemini the Gemini generate route
	 * @param anthropicMessages the Anthropic Messages route
	 */
	public VertexRoute(AccessTokens tokens, FailureCounter failures, ProviderRoute gemini,
			ProviderRoute anthropicMessages) {
		this.tokens = tokens;
		this.gemini = gemini;
		this.predict = new VertexPredict(failures);
		this.anthropic = new VertexAnthropic(anthropicMessages);
	}

	@Override
	public boolean matches(HttpMethod method, String path) {
		return HttpMethod.POST.equals(method) && VertexPath.parse(path) != null;
	}

	@Override
	public boolean checksOwnCredentials() {
		return true;
	}

	@Override
	public Mono<Void> handle(ProviderCall call) {
		HttpServerResponse response = call.response();
		String token = bearer(call.request().requestHeaders().get(HttpHeaderNames.AUTHORIZATION));
		if (token == null) {
			return VertexErrors.unauthenticated(response, "CREDENTIALS_MISSING");
		}
		AccessGrant grant = this.tokens.find(token);
		if (grant == null) {
			return VertexErrors.unauthenticated(response, "ACCESS_TOKEN_TYPE_UNSUPPORTED");
		}
		if (this.tokens.expired(grant)) {
			return VertexErrors.unauthenticated(response, "ACCESS_TOKEN_EXPIRED");
		}
		if (!grant.allows(AccessGrant.CLOUD_PLATFORM)) {
			return VertexErrors.insufficientScopes(response);
		}
		VertexPath path = Objects.requireNonNull(VertexPath.parse(call.path()), "matches() admits Vertex paths only");
		return switch (path.publisher() + ":" + path.method()) {
			case "google:generateContent", "google:streamGenerateContent" -> this.gemini.handle(call);
			case "google:predict" -> this.predict.handle(call, path);
			case "anthropic:rawPredict", "anthropic:streamRawPredict" -> this.anthropic.handle(call, path);
			default -> VertexErrors.notFound(response, path);
		};
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return VertexErrors.unauthenticated(response, "CREDENTIALS_MISSING");
	}

	private static @Nullable String bearer(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		String token = authorization.substring(BEARER.length()).trim();
		return token.isEmpty() ? null : token;
	}

}
