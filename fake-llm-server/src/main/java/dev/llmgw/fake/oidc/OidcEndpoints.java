package dev.llmgw.fake.oidc;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Okta's shape of an authorization server under {@code /oauth2/{server}}:
 * {@code GET .../.well-known/openid-configuration} names the issuer and its
 * {@code jwks_uri} ({@code .../v1/keys}), which serves the keys last set with
 * {@code POST /fake/jwks}. {@code GET /fake/jwks/requests/{server}} tells how often each
 * server's discovery document and keys were fetched, so that a test can see how much
 * traffic its callers caused at the identity provider.
 */
public final class OidcEndpoints {

	private static final String DISCOVERY = "/.well-known/openid-configuration";

	private static final String KEYS = "/v1/keys";

	public static final String REQUESTS_PREFIX = "/fake/jwks/requests/";

	private final Map<String, AtomicLong> fetches = new ConcurrentHashMap<>();

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
			count(path.substring(0, path.length() - KEYS.length()) + " keys");
			return Replies.json(response, HttpResponseStatus.OK, this.jwks);
		}
		count(path.substring(0, path.length() - DISCOVERY.length()) + " discovery");
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

	/**
	 * {@code {"keys": n, "discovery": n}}: the fetches of one authorization server's keys
	 * and discovery document so far.
	 * @param path {@code /fake/jwks/requests/{server}}
	 */
	public Mono<Void> requests(String path, HttpServerResponse response) {
		String server = "/oauth2/" + path.substring(REQUESTS_PREFIX.length());
		String counts = "{\"keys\":" + fetches(server + " keys") + ",\"discovery\":" + fetches(server + " discovery")
				+ "}";
		return Replies.json(response, HttpResponseStatus.OK, counts.getBytes(StandardCharsets.US_ASCII));
	}

	private void count(String what) {
		this.fetches.computeIfAbsent(what, (key) -> new AtomicLong()).incrementAndGet();
	}

	private long fetches(String what) {
		AtomicLong count = this.fetches.get(what);
		return (count != null) ? count.get() : 0;
	}

}
