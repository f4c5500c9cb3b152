package dev.llmgw.middleware.okta;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.llmgw.middleware.support.LocalStack;
import dev.llmgw.middleware.support.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Okta sign-up against the real gateway, with an authorization server played by the fake
 * LLM server serving keys made here: good tokens make an internal user with a key (a
 * second call, a new key), bad ones are refused and create nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OktaOnboardingTests {

	private static final String AUDIENCE = "api://llmgw";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static RSAKey signing;

	private static RSAKey rotated;

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@DynamicPropertySource
	static void okta(DynamicPropertyRegistry registry) {
		registry.add("middleware.gateway-url", () -> LocalStack.shared().gatewayUrl());
		registry.add("middleware.master-key", () -> LocalStack.MASTER_KEY);
		registry.add("middleware.okta.issuer", OktaOnboardingTests::issuer);
		registry.add("middleware.okta.audience", () -> AUDIENCE);
		registry.add("server.address", () -> "127.0.0.1");
	}

	@BeforeAll
	static void keys() throws Exception {
		signing = new RSAKeyGenerator(2048).keyID("k1").generate();
		rotated = new RSAKeyGenerator(2048).keyID("k2").generate();
		publish(signing);
	}

	@Test
	void aValidTokenMakesAnInternalUserWithAKeyAndASecondCallANewKey() throws Exception {
		String subject = "okta-" + UUID.randomUUID();
		HttpResponse<String> first = post("/user/new", token(signing, claims(subject).build()),
				"{\"max_budget\":100000,\"user_role\":\"proxy_admin\",\"models\":[\"*\"]}");
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		JsonNode created = JSON.readTree(first.body());
		assertThat(created.path("user_id").asString()).isEqualTo(subject);
		String key = created.path("key").asString();
		assertThat(key).startsWith("sk-");
		JsonNode info = userInfo(subject);
		assertThat(info.at("/user_info/user_role").asString()).isEqualTo("internal_user");
		assertThat(info.at("/user_info/max_budget").isNull() || info.at("/user_info/max_budget").isMissingNode())
			.as("the caller's own budget was not passed on: %s", info)
			.isTrue();
		HttpResponse<String> second = post("/key/generate", token(signing, claims(subject).build()), "{}");
		assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
		assertThat(JSON.readTree(second.body()).path("key").asString()).startsWith("sk-").isNotEqualTo(key);
		assertThat(JSON.readTree(second.body()).path("user_id").asString()).isEqualTo(subject);
	}

	@Test
	void badTokensAreRefusedAndCreateNothing() throws Exception {
		String subject = "okta-bad-" + UUID.randomUUID();
		RSAKey stranger = new RSAKeyGenerator(2048).keyID("unknown-kid").generate();
		List<String> bad = List.of(
				token(signing, claims(subject).expirationTime(new Date(System.currentTimeMillis() - 600_000)).build()),
				token(signing, claims(subject).audience("api://someone-else").build()),
				token(signing, claims(subject).issuer("https://evil.example.com/oauth2/default").build()),
				new PlainJWT(claims(subject).build()).serialize(), token(stranger, claims(subject).build()),
				tampered(token(signing, claims(subject).build())));
		for (String token : bad) {
			HttpResponse<String> response = post("/user/new", token, "{}");
			assertThat(response.statusCode()).as(token).isEqualTo(401);
			assertThat(response.body()).isEqualTo("{\"detail\":\"Invalid or expired token\"}");
		}
		assertThat(userInfoStatus(subject)).as("no user was created").isEqualTo(404);
	}

	@Test
	void aRotatedKeyIsFetchedWhenATokenNamesIt() throws Exception {
		publish(signing, rotated);
		// past the least interval between two fetches of the keys, whichever test
		// fetched them last
		this.clock.advance(Duration.ofSeconds(6));
		String subject = "okta-rotated-" + UUID.randomUUID();
		HttpResponse<String> response = post("/user/new", token(rotated, claims(subject).build()), "{}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void aGatewayKeyIsNotAnOktaToken() throws Exception {
		HttpResponse<String> response = post("/user/new", LocalStack.MASTER_KEY,
				"{\"user_id\":\"plain-" + UUID.randomUUID() + "\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private static String issuer() {
		return LocalStack.shared().fakeUrl() + "/oauth2/default";
	}

	private static JWTClaimsSet.Builder claims(String subject) {
		return new JWTClaimsSet.Builder().issuer(issuer())
			.audience(AUDIENCE)
			.subject(subject)
			.claim("email", subject + "@example.com")
			.issueTime(new Date())
			.expirationTime(new Date(System.currentTimeMillis() + 600_000));
	}

	private static String token(RSAKey key, JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	/** The same token with its payload's subject changed and the old signature kept. */
	private static String tampered(String token) {
		String[] parts = token.split("\\.");
		String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
		String forged = payload.replace("okta-bad-", "okta-forged-");
		return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes())
				+ "." + parts[2];
	}

	private static void publish(RSAKey... keys) throws Exception {
		List<com.nimbusds.jose.jwk.JWK> published = new java.util.ArrayList<>();
		for (RSAKey key : keys) {
			published.add(key.toPublicJWK());
		}
		HTTP.send(HttpRequest.newBuilder(URI.create(LocalStack.shared().fakeUrl() + "/fake/jwks"))
			.POST(HttpRequest.BodyPublishers.ofString(new JWKSet(published).toString()))
			.build(), HttpResponse.BodyHandlers.discarding());
	}

	private HttpResponse<String> post(String path, String bearer, String body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + bearer)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode userInfo(String userId) throws Exception {
		return JSON.readTree(HTTP
			.send(HttpRequest.newBuilder(URI.create(LocalStack.shared().gatewayUrl() + "/user/info?user_id=" + userId))
				.header("Authorization", "Bearer " + LocalStack.MASTER_KEY)
				.build(), HttpResponse.BodyHandlers.ofString())
			.body());
	}

	private static int userInfoStatus(String userId) throws Exception {
		return HTTP
			.send(HttpRequest.newBuilder(URI.create(LocalStack.shared().gatewayUrl() + "/user/info?user_id=" + userId))
				.header("Authorization", "Bearer " + LocalStack.MASTER_KEY)
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Time {

		@Bean
		MutableClock mutableClock() {
			return new MutableClock();
		}

	}

}
