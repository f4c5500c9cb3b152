package dev.llmgw.middleware.okta;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.llmgw.middleware.support.LocalStack;
import dev.llmgw.middleware.support.MutableClock;
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
 * Tokens naming made-up keys cannot multiply the traffic to the identity provider: fifty
 * of them, half at once, cause one fetch of its keys (after the refresh interval) and are
 * refused with the usual 401, while a genuinely rotated key becomes usable once the
 * interval has passed. Counted at the fake authorization server, on a server name of this
 * test's own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OktaKeyRefreshTests {

	private static final String AUDIENCE = "api://llmgw";

	private static final String SERVER = "refresh-" + UUID.randomUUID();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@DynamicPropertySource
	static void okta(DynamicPropertyRegistry registry) {
		registry.add("middleware.gateway-url", () -> LocalStack.shared().gatewayUrl());
		registry.add("middleware.master-key", () -> LocalStack.MASTER_KEY);
		registry.add("middleware.okta.issuer", OktaKeyRefreshTests::issuer);
		registry.add("middleware.okta.audience", () -> AUDIENCE);
		registry.add("server.address", () -> "127.0.0.1");
	}

	@Test
	void unknownKeysCauseOneFetchPerIntervalAndARotatedKeyIsUsableAfterIt() throws Exception {
		RSAKey signing = new RSAKeyGenerator(2048).keyID("refresh-k1").generate();
		RSAKey rotated = new RSAKeyGenerator(2048).keyID("refresh-k2").generate();
		publish(signing);
		assertThat(post(token(signing)).statusCode()).isEqualTo(200);
		assertThat(fetches()).as("the first token fetched the keys").isEqualTo(1);

		this.clock.advance(Duration.ofSeconds(6));
		RSAKey stranger = new RSAKeyGenerator(2048).generate();
		List<CompletableFuture<HttpResponse<String>>> concurrent = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			concurrent.add(HTTP.sendAsync(request(token(stranger, UUID.randomUUID().toString())),
					HttpResponse.BodyHandlers.ofString()));
		}
		List<HttpResponse<String>> refused = new ArrayList<>();
		for (CompletableFuture<HttpResponse<String>> call : concurrent) {
			refused.add(call.join());
		}
		for (int i = 0; i < 25; i++) {
			refused.add(post(token(stranger, UUID.randomUUID().toString())));
		}
		for (HttpResponse<String> response : refused) {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.body()).isEqualTo("{\"detail\":\"Invalid or expired token\"}");
		}
		assertThat(fetches()).as("fifty unknown keys, one fetch").isEqualTo(2);
		assertThat(post(token(signing)).statusCode()).as("known keys keep working").isEqualTo(200);

		publish(signing, rotated);
		assertThat(post(token(rotated)).statusCode()).as("within the interval of the last fetch").isEqualTo(401);
		assertThat(fetches()).isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(6));
		HttpResponse<String> afterRotation = post(token(rotated));
		assertThat(afterRotation.statusCode()).as(afterRotation.body()).isEqualTo(200);
		assertThat(fetches()).isEqualTo(3);
	}

	private static String issuer() {
		return LocalStack.shared().fakeUrl() + "/oauth2/" + SERVER;
	}

	/** The fetches of this test's key set at the fake authorization server. */
	private static long fetches() throws Exception {
		JsonNode counts = JSON.readTree(HTTP
			.send(HttpRequest.newBuilder(URI.create(LocalStack.shared().fakeUrl() + "/fake/jwks/requests/" + SERVER))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body());
		return counts.path("keys").asLong();
	}

	private static String token(RSAKey key) throws Exception {
		return token(key, key.getKeyID());
	}

	private static String token(RSAKey key, String kid) throws Exception {
		String subject = "okta-refresh-" + UUID.randomUUID();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer())
			.audience(AUDIENCE)
			.subject(subject)
			.issueTime(new Date())
			.expirationTime(new Date(System.currentTimeMillis() + 600_000))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static void publish(RSAKey... keys) throws Exception {
		List<com.nimbusds.jose.jwk.JWK> published = new ArrayList<>();
		for (RSAKey key : keys) {
			published.add(key.toPublicJWK());
		}
		HTTP.send(HttpRequest.newBuilder(URI.create(LocalStack.shared().fakeUrl() + "/fake/jwks"))
			.POST(HttpRequest.BodyPublishers.ofString(new JWKSet(published).toString()))
			.build(), HttpResponse.BodyHandlers.discarding());
	}

	private HttpRequest request(String bearer) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/user/new"))
			.header("Authorization", "Bearer " + bearer)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build();
	}

	private HttpResponse<String> post(String bearer) throws Exception {
		return HTTP.send(request(bearer), HttpResponse.BodyHandlers.ofString());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Time {

		@Bean
		MutableClock mutableClock() {
			return new MutableClock();
		}

	}

}
