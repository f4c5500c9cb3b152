package dev.llmgw.fake.google;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * {@code POST /token}, Google's OAuth 2.0 token endpoint at the path a service account
 * JSON's {@code token_uri} names ({@code https://oauth2.googleapis.com/token}): a form
 * with {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer} and the signed
 * {@code assertion}, answered with {@code {"access_token", "expires_in": 3599,
 * "token_type": "Bearer"}} or Google's {@code {"error", "error_description"}}. It takes
 * no API key: the assertion is the credential.
 *
 * @see <a href=
 * "https://developers.google.com/identity/protocols/oauth2/service-account#httprest">Preparing
 * to make an authorized API call: HTTP/REST</a>
 */
public final class GoogleTokenRoute implements ProviderRoute {

	public static final String PATH = "/token";

	private final JwtBearerGrant grants;

	private final AccessTokens tokens;

	public GoogleTokenRoute(GoogleOAuth google) {
		this.grants = new JwtBearerGrant(google.keys());
		this.tokens = google.tokens();
	}

	@Override
	public boolean matches(HttpMethod method, String path) {
		return HttpMethod.POST.equals(method) && path.equals(PATH);
	}

	@Override
	public boolean checksOwnCredentials() {
		return true;
	}

	@Override
	public Mono<Void> handle(ProviderCall call) {
		HttpServerResponse response = call.response();
		// Google's answers, good or bad, must never be cached by a proxy
		response.header(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
		response.header(HttpHeaderNames.PRAGMA, "no-cache");
		Map<String, List<String>> form = new QueryStringDecoder(call.bodyText(), StandardCharsets.UTF_8, false)
			.parameters();
		JwtBearerGrant.Granted granted;
		try {
			granted = this.grants.check(first(form, "grant_type"), first(form, "assertion"),
					tokenUris(call.request().requestHeaders().get(HttpHeaderNames.HOST)), this.tokens.now());
		}
		catch (OAuthError ex) {
			this.tokens.countRequest(false);
			return Replies.json(response, HttpResponseStatus.valueOf(ex.status()), ex.body());
		}
		this.tokens.countRequest(true);
		String token = this.tokens.issue(granted.clientEmail(), granted.scopes());
		return Replies.json(response, HttpResponseStatus.OK, Json.write((json) -> {
			json.writeStartObject();
			json.writeStringProperty("access_token", token);
			json.writeNumberProperty("expires_in", AccessTokens.LIFETIME_SECONDS);
			json.writeStringProperty("token_type", "Bearer");
			json.writeEndObject();
		}));
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		OAuthError error = new OAuthError(401, "invalid_client", "The OAuth client was not found.");
		return Replies.json(response, HttpResponseStatus.UNAUTHORIZED, error.body());
	}

	/**
	 * The addresses the caller sent this request to, which an assertion's {@code aud} may
	 * name: a test points {@code token_uri} at the fake, by whatever host it reaches it.
	 */
	private static List<String> tokenUris(@Nullable String host) {
		if (host == null || host.isBlank()) {
			return List.of();
		}
		return List.of("http://" + host + PATH, "https://" + host + PATH);
	}

	private static @Nullable String first(Map<String, List<String>> form, String name) {
		List<String> values = form.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
