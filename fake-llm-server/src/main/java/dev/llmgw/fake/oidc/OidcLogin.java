package dev.llmgw.fake.oidc;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * An identity provider's sign-in, as an authorization code flow with PKCE sees it:
 * {@code GET .../v1/authorize} signs in at once as the user last set with
 * {@code POST /fake/oidc/user} ({@code {"sub", "email"}}) and sends the browser back with
 * a code; {@code POST .../v1/token} takes the code once, with the verifier whose S256
 * hash was the challenge and the same redirect URI, and answers an RS256 ID token signed
 * by a key of its own, which the server's key set then also serves.
 */
public final class OidcLogin {

	public static final String USER_PATH = "/fake/oidc/user";

	static final String AUTHORIZE = "/v1/authorize";

	static final String TOKEN = "/v1/token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

	private static final String KEY_ID = "fake-idp-signer";

	private record Grant(String issuer, String clientId, String redirectUri, @Nullable String nonce, String challenge,
			String sub, String email) {
	}

	private final Map<String, Grant> grants = new ConcurrentHashMap<>();

	private volatile Map<String, String> user = Map.of("sub", "fake-user", "email", "fake-user@example.com");

	private volatile @Nullable KeyPair signer;

	/** The public key of the signer, once it has signed, as a JWK for the key set. */
	@Nullable Map<String, Object> publicJwk() {
		KeyPair pair = this.signer;
		if (pair == null) {
			return null;
		}
		RSAPublicKey key = (RSAPublicKey) pair.getPublic();
		return Map.of("kty", "RSA", "kid", KEY_ID, "use", "sig", "alg", "RS256", "n", unsigned(key.getModulus()), "e",
				unsigned(key.getPublicExponent()));
	}

	public Mono<Void> setUser(byte[] body, HttpServerResponse response) {
		Map<?, ?> given = JSON.readValue(body, Map.class);
		this.user = Map.of("sub", String.valueOf(given.get("sub")), "email", String.valueOf(given.get("email")));
		return Replies.json(response, HttpResponseStatus.OK, body);
	}

	Mono<Void> authorize(String issuer, String uri, HttpServerResponse response) {
		Map<String, List<String>> query = new QueryStringDecoder(uri).parameters();
		String redirect = first(query, "redirect_uri");
		String challenge = first(query, "code_challenge");
		if (redirect == null || challenge == null || !"S256".equals(first(query, "code_challenge_method"))
				|| !"code".equals(first(query, "response_type")) || first(query, "client_id") == null) {
			return Replies.json(response, HttpResponseStatus.BAD_REQUEST,
					"{\"error\":\"invalid_request\"}".getBytes(StandardCharsets.US_ASCII));
		}
		String code = UUID.randomUUID().toString();
		Map<String, String> who = this.user;
		this.grants.put(code, new Grant(issuer, first(query, "client_id"), redirect, first(query, "nonce"), challenge,
				who.get("sub"), who.get("email")));
		String state = first(query, "state");
		String location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code
				+ ((state != null) ? "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8) : "");
		return response.status(HttpResponseStatus.FOUND).header("Location", location).send();
	}

	Mono<Void> token(byte[] body, HttpServerResponse response) {
		Map<String, List<String>> form = new QueryStringDecoder(new String(body, StandardCharsets.UTF_8), false)
			.parameters();
		String code = first(form, "code");
		Grant grant = (code != null) ? this.grants.remove(code) : null;
		String verifier = first(form, "code_verifier");
		if (grant == null || verifier == null || !"authorization_code".equals(first(form, "grant_type"))
				|| !grant.redirectUri().equals(first(form, "redirect_uri"))
				|| !grant.clientId().equals(first(form, "client_id"))
				|| !grant.challenge().equals(URL.encodeToString(sha256(verifier)))) {
			return Replies.json(response, HttpResponseStatus.BAD_REQUEST,
					"{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.US_ASCII));
		}
		long now = System.currentTimeMillis() / 1000;
		Map<String, Object> claims = new java.util.LinkedHashMap<>();
		claims.put("iss", grant.issuer());
		claims.put("sub", grant.sub());
		claims.put("aud", grant.clientId());
		claims.put("iat", now);
		claims.put("exp", now + 3600);
		claims.put("email", grant.email());
		claims.put("email_verified", true);
		if (grant.nonce() != null) {
			claims.put("nonce", grant.nonce());
		}
		String idToken = sign(claims);
		byte[] answer = JSON.writeValueAsBytes(Map.of("access_token", UUID.randomUUID().toString(), "token_type",
				"Bearer", "expires_in", 3600, "scope", "openid email profile", "id_token", idToken));
		return Replies.json(response, HttpResponseStatus.OK, answer);
	}

	private String sign(Map<String, Object> claims) {
		try {
			KeyPair pair = signer();
			String header = URL
				.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", KEY_ID)));
			String payload = URL.encodeToString(JSON.writeValueAsBytes(claims));
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(pair.getPrivate());
			signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
			return header + "." + payload + "." + URL.encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private synchronized KeyPair signer() throws GeneralSecurityException {
		if (this.signer == null) {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			this.signer = generator.generateKeyPair();
		}
		return this.signer;
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String unsigned(BigInteger value) {
		byte[] bytes = value.toByteArray();
		if (bytes.length > 1 && bytes[0] == 0) {
			bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
		}
		return URL.encodeToString(bytes);
	}

	private static @Nullable String first(Map<String, List<String>> values, String name) {
		List<String> found = values.get(name);
		return (found == null || found.isEmpty()) ? null : found.get(0);
	}

}
