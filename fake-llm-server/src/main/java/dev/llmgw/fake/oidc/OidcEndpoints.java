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

	private final OidcLogin login = new OidcLogin();

	public static boolean isOidcPath(String path) {
		return path.startsWith("/oauth2/") && (path.endsWith(DISCOVERY) || path.endsWith(KEYS)
				|| path.endsWith(OidcLogin.AUTHORIZE) || path.endsWith(OidcLogin.TOKEN));
	}

	/** The sign-in half: authorize, token and the test's choice of user. */
	public OidcLogin login() {
		return this.login;
	}

	/**
	 * {@code GET .../v1/authorize}: the browser's visit, sent straight back with a code.
	 */
	public Mono<Void> authorize(String path, String uri, String host, HttpServerResponse response) {
		return this.login.authorize(issuer(path, OidcLogin.AUTHORIZE, host), uri, response);
	}

	/** {@code POST .../v1/token}: the code exchanged for tokens. */
	public Mono<Void> token(byte[] body, HttpServerResponse response) {
		return this.login.token(body, response);
	}

	private static String issuer(String path, String suffix, String host) {
		return "http://" + host + path.substring(0, path.length() - suffix.length());
	}

	/**
	 * @param path the request path
	 * @param host the Host header, so that the issuer is the address the caller used
	 * @param response where to answer
	 */
	public Mono<Void> handle(String path, String host, HttpServerResponse response) {
		if (path.endsWith(KEYS)) {
			count(path.substring(0, path.length() - KEYS.length()) + " keys");
			return Replies.json(response, HttpResponseStatus.OK, withSigner(this.jwks));
		}
		count(path.substring(0, path.length() - DISCOVERY.length()) + " discovery");
		String issuer = "http://" + host + path.substring(0, path.length() - DISCOVERY.length());
		String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + KEYS
				+ "\",\"authorization_endpoint\":\"" + issuer + OidcLogin.AUTHORIZE + "\",\"token_endpoint\":\""
				+ issuer + OidcLogin.TOKEN + "\",\"code_challenge_methods_supported\":[\"S256\"]"
				+ ",\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
		return Replies.json(response, HttpResponseStatus.OK, discovery.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The test's keys, and the sign-in's own key once it has signed an ID token (until
	 * then the set is exactly what the test published).
	 */
	@SuppressWarnings("unchecked")
	private byte[] withSigner(byte[] published) {
		Map<String, Object> signer = this.login.publicJwk();
		if (signer == null) {
			return published;
		}
		tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
		Map<String, Object> set = new java.util.LinkedHashMap<>(json.readValue(published, Map.class));
		java.util.List<Object> keys = new java.util.ArrayList<>(
				(java.util.List<Object>) set.getOrDefault("keys", java.util.List.of()));
		keys.add(signer);
		set.put("keys", keys);
		return json.writeValueAsBytes(set);
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
