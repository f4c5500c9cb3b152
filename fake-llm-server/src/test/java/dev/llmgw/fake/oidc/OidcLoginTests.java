package dev.llmgw.fake.oidc;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in the fake plays: a code for the user a test chose, exchanged once, with the
 * PKCE verifier and the same redirect, for an ID token signed by a key the key set then
 * serves.
 */
class OidcLoginTests {

	private TestServer server;

	@BeforeEach
	void start() {
		this.server = TestServer.start();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void aCodeIsExchangedOnceWithItsVerifierForASignedIdToken() throws Exception {
		this.server.post(OidcLogin.USER_PATH, "{\"sub\":\"00u1\",\"email\":\"ana@example.com\"}");
		String verifier = "a-verifier-of-enough-length-0123456789-abcdefghij";
		String challenge = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		String redirect = "http://127.0.0.1:9/ui/sso/callback";
		HttpResponse<String> authorize = this.server.get("/oauth2/ui/v1/authorize?response_type=code&client_id=app"
				+ "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&state=s%201&nonce=n1"
				+ "&code_challenge=" + challenge + "&code_challenge_method=S256&scope=openid");
		assertThat(authorize.statusCode()).isEqualTo(302);
		String location = authorize.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(redirect + "?code=").endsWith("&state=s+1");
		String code = location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));

		String form = "grant_type=authorization_code&client_id=app&code=" + code + "&redirect_uri="
				+ URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&code_verifier=";
		assertThat(this.server
			.post("/oauth2/ui/v1/token", form + "wrong", "Content-Type", "application/x-www-form-urlencoded")
			.statusCode()).isEqualTo(400);
		// a refused exchange spends the code too
		HttpResponse<String> again = this.server.get(authorize.uri().getPath() + "?" + authorize.uri().getRawQuery());
		String second = again.headers().firstValue("Location").orElseThrow();
		code = second.substring(second.indexOf("code=") + 5, second.indexOf("&state"));
		form = "grant_type=authorization_code&client_id=app&code=" + code + "&redirect_uri="
				+ URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&code_verifier=";
		HttpResponse<String> token = this.server.post("/oauth2/ui/v1/token", form + verifier, "Content-Type",
				"application/x-www-form-urlencoded");
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		String idToken = TestServer.json(token.body()).path("id_token").asString();
		JsonNode claims = TestServer.json(new String(Base64.getUrlDecoder().decode(idToken.split("\\.")[1])));
		assertThat(claims.path("sub").asString()).isEqualTo("00u1");
		assertThat(claims.path("email").asString()).isEqualTo("ana@example.com");
		assertThat(claims.path("aud").asString()).isEqualTo("app");
		assertThat(claims.path("nonce").asString()).isEqualTo("n1");
		assertThat(claims.path("iss").asString()).endsWith("/oauth2/ui");
		assertThat(this.server
			.post("/oauth2/ui/v1/token", form + verifier, "Content-Type", "application/x-www-form-urlencoded")
			.statusCode()).as("used once").isEqualTo(400);
		JsonNode keys = TestServer.json(this.server.get("/oauth2/ui/v1/keys").body());
		assertThat(keys.path("keys").get(0).path("kid").asString()).isEqualTo("fake-idp-signer");
		JsonNode discovery = TestServer.json(this.server.get("/oauth2/ui/.well-known/openid-configuration").body());
		assertThat(discovery.path("token_endpoint").asString()).endsWith("/oauth2/ui/v1/token");
		assertThat(discovery.path("authorization_endpoint").asString()).endsWith("/oauth2/ui/v1/authorize");
	}

}
