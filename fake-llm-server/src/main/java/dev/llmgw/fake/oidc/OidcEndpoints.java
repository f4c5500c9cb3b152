package dev.llmgw.fake.oidc;

import java.nio.charset.StandardCharsets;

import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Okta's shape of an authorization server under {@code /oauth2/{server}}:
 * {@code GET .../.well-known/openid-configuration} names the issuer and its
 * {@code jwks_uri} ({@code .../v1/keys}), which serves the keys last set with
 * {@code POST /fake/jwks}.
 */
public final class OidcEndpoints {

	private static final String DISCOVERY = "/.well-known/openid-configuration";

	private static final String KEYS = "/v1/keys";

	private volatile byte[] jwks = "{\"keys\":[]}".getBytes(StandardCharsets.US_ASCII);

	public static boolean isOidcPath(String path) {
		return path.startsWith("/oauth2/") && (path.endsWith(DISCOVERY) || path.endsWith(KEYS));
	}

	/**
	 * @param path the request path
	 * @param host the Host header, so that the issuer is the address the caller used
	 * @param response where to answer
	 */
	public Mono<Void> handle(String path, String host, HttpServerResponse response) {
		if (path.endsWith(KEYS)) {
			return Replies.json(response, HttpResponseStatus.OK, this.jwks);
		}
		String issuer = "http://" + host + path.substring(0, path.length() - DISCOVERY.length());
		String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + KEYS
				+ "\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
		return Replies.json(response, HttpResponseStatus.OK, discovery.getBytes(StandardCharsets.UTF_8));
	}

	/** Replaces the served keys with a JWKS document a test made. */
	public Mono<Void> setKeys(byte[] jwks, HttpServerResponse response) {
		this.jwks = jwks.clone();
		return Replies.json(response, HttpResponseStatus.OK, jwks);
	}

}
