package dev.llmgw.fake.google;

import java.time.Clock;

import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.Replies;
import dev.llmgw.fake.openai.OpenAiErrors;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The state Google's token endpoint and Vertex AI's routes share, and its control
 * endpoints:
 * <ul>
 * <li>{@code POST /fake/google/service-accounts} registers a service account's key:
 * {@code {"client_email", "public_key": "<PEM public key or certificate>"}},
 * {@code {"client_email", "jwk": {...}}}, or the service account JSON itself (its
 * {@code private_key}); answers {@code {"client_email", "key_id"}};</li>
 * <li>{@code GET /fake/google/service-accounts} lists them, {@code DELETE} forgets
 * them;</li>
 * <li>{@code GET /fake/google/tokens} counts token requests, rejections and tokens issued
 * (in all and by account); {@code DELETE} revokes every token and zeroes the counts.</li>
 * </ul>
 * {@code POST /fake/reset} leaves both alone: a gateway holding a cached token should not
 * see it revoked by a test that only meant to zero the request counts.
 */
public final class GoogleOAuth {

	public static final String CONTROL_PREFIX = "/fake/google/";

	private static final String ACCOUNTS = CONTROL_PREFIX + "service-accounts";

	private static final String TOKENS = CONTROL_PREFIX + "tokens";

	private final ServiceAccountKeys keys = new ServiceAccountKeys();

	private final AccessTokens tokens;

	/**
	 * @param clock what issued tokens expire by
	 */
	public GoogleOAuth(Clock clock) {
		this.tokens = new AccessTokens(clock);
	}

	public AccessTokens tokens() {
		return this.tokens;
	}

	ServiceAccountKeys keys() {
		return this.keys;
	}

	public Mono<Void> control(HttpMethod method, String path, byte[] body, HttpServerResponse response) {
		if (path.equals(ACCOUNTS) && HttpMethod.POST.equals(method)) {
			return register(body, response);
		}
		if (path.equals(ACCOUNTS) && HttpMethod.GET.equals(method)) {
			return Replies.json(response, HttpResponseStatus.OK, Json.write((json) -> {
				json.writeStartObject();
				json.writeArrayPropertyStart("service_accounts");
				for (ServiceAccountKeys.RegisteredKey key : this.keys.all()) {
					writeKey(json, key);
				}
				json.writeEndArray();
				json.writeEndObject();
			}));
		}
		if (path.equals(ACCOUNTS) && HttpMethod.DELETE.equals(method)) {
			this.keys.clear();
			return response.status(HttpResponseStatus.NO_CONTENT).send();
		}
		if (path.equals(TOKENS) && HttpMethod.GET.equals(method)) {
			return Replies.json(response, HttpResponseStatus.OK, this.tokens.toJson());
		}
		if (path.equals(TOKENS) && HttpMethod.DELETE.equals(method)) {
			this.tokens.revokeAll();
			return response.status(HttpResponseStatus.NO_CONTENT).send();
		}
		return OpenAiErrors.notFound(response, method, path);
	}

	private Mono<Void> register(byte[] body, HttpServerResponse response) {
		ServiceAccountKeys.RegisteredKey key;
		try {
			JsonNode account = Json.read(body);
			key = this.keys.register(account);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return Replies.json(response, HttpResponseStatus.BAD_REQUEST, Json.write((json) -> {
				json.writeStartObject();
				json.writeStringProperty("error", ex.getMessage());
				json.writeEndObject();
			}));
		}
		return Replies.json(response, HttpResponseStatus.OK, Json.write((json) -> writeKey(json, key)));
	}

	private static void writeKey(tools.jackson.core.JsonGenerator json, ServiceAccountKeys.RegisteredKey key) {
		json.writeStartObject();
		json.writeStringProperty("client_email", key.clientEmail());
		json.writeStringProperty("key_id", key.keyId());
		json.writeEndObject();
	}

}
