package dev.llmgw.fake.google;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class GoogleTokenRouteTests {

	private static final ServiceAccount ACCOUNT = ServiceAccount
		.generate("gateway@fake-project.iam.gserviceaccount.com");

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
	void issuesATokenForAnUnregisteredAccountWhateverItsSignature() {
		HttpResponse<String> response = ServiceAccount.requestToken(this.server, ACCOUNT.assertion(this.server));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("cache-control").orElse("")).contains("no-store");
		JsonNode token = TestServer.json(response.body());
		assertThat(token.path("access_token").asString()).startsWith("ya29.");
		assertThat(token.path("expires_in").asInt()).isEqualTo(3599);
		assertThat(token.path("token_type").asString()).isEqualTo("Bearer");
		assertThat(ServiceAccount.requestToken(this.server, ACCOUNT.withOtherKey().assertion(this.server)).statusCode())
			.isEqualTo(200);
	}

	@Test
	void checksTheSignatureOfARegisteredAccount() {
		ACCOUNT.register(this.server);
		assertThat(ServiceAccount.requestToken(this.server, ACCOUNT.assertion(this.server)).statusCode())
			.isEqualTo(200);
		assertInvalidGrant(ServiceAccount.requestToken(this.server, ACCOUNT.withOtherKey().assertion(this.server)),
				"Invalid JWT Signature.");
		assertThat(this.server.delete("/fake/google/service-accounts").statusCode()).isEqualTo(204);
		assertThat(ServiceAccount.requestToken(this.server, ACCOUNT.withOtherKey().assertion(this.server)).statusCode())
			.isEqualTo(200);
	}

	@Test
	void registersAKeyAsAJwkOrAsTheServiceAccountJson() {
		ServiceAccount byJwk = ServiceAccount.generate("jwk@fake-project.iam.gserviceaccount.com");
		HttpResponse<String> registered = this.server.post("/fake/google/service-accounts",
				"{\"client_email\":\"" + byJwk.clientEmail() + "\",\"jwk\":" + byJwk.jwk() + "}");
		assertThat(TestServer.json(registered.body()).path("key_id").asString()).isEqualTo(byJwk.keyId());
		assertThat(ServiceAccount.requestToken(this.server, byJwk.assertion(this.server)).statusCode()).isEqualTo(200);
		assertInvalidGrant(ServiceAccount.requestToken(this.server, byJwk.withOtherKey().assertion(this.server)),
				"Invalid JWT Signature.");
		ServiceAccount byJson = ServiceAccount.generate("json@fake-project.iam.gserviceaccount.com");
		assertThat(this.server.post("/fake/google/service-accounts", byJson.json(ServiceAccount.tokenUri(this.server)))
			.statusCode()).isEqualTo(200);
		assertThat(ServiceAccount.requestToken(this.server, byJson.assertion(this.server)).statusCode()).isEqualTo(200);
		assertInvalidGrant(ServiceAccount.requestToken(this.server, byJson.withOtherKey().assertion(this.server)),
				"Invalid JWT Signature.");
		JsonNode listed = TestServer.json(this.server.get("/fake/google/service-accounts").body());
		assertThat(listed.path("service_accounts").size()).isEqualTo(2);
		assertThat(this.server.post("/fake/google/service-accounts", "{\"public_key\":\"x\"}").statusCode())
			.isEqualTo(400);
	}

	@Test
	void acceptsGooglesTokenUriAsTheAudienceButNoOther() {
		Instant now = Instant.now();
		Instant hourLater = now.plus(Duration.ofHours(1));
		String google = ACCOUNT.assertion("https://oauth2.googleapis.com/token", ServiceAccount.CLOUD_PLATFORM, now,
				hourLater);
		assertThat(ServiceAccount.requestToken(this.server, google).statusCode()).isEqualTo(200);
		String elsewhere = ACCOUNT.assertion("https://example.com/token", ServiceAccount.CLOUD_PLATFORM, now,
				hourLater);
		assertInvalidGrant(ServiceAccount.requestToken(this.server, elsewhere), "Failed audience check");
	}

	@Test
	void refusesExpiredAndLongLivedAssertions() {
		String audience = ServiceAccount.tokenUri(this.server);
		Instant now = Instant.now();
		String expired = ACCOUNT.assertion(audience, ServiceAccount.CLOUD_PLATFORM, now.minus(Duration.ofHours(2)),
				now.minus(Duration.ofHours(1)));
		assertInvalidGrant(ServiceAccount.requestToken(this.server, expired), "Token must be a short-lived token");
		String longLived = ACCOUNT.assertion(audience, ServiceAccount.CLOUD_PLATFORM, now,
				now.plus(Duration.ofHours(2)));
		assertInvalidGrant(ServiceAccount.requestToken(this.server, longLived), "Token must be a short-lived token");
		String future = ACCOUNT.assertion(audience, ServiceAccount.CLOUD_PLATFORM, now.plus(Duration.ofHours(1)),
				now.plus(Duration.ofMinutes(90)));
		assertInvalidGrant(ServiceAccount.requestToken(this.server, future), "Token must be a short-lived token");
	}

	@Test
	void refusesOtherGrantsMissingScopesAndOtherAlgorithms() throws Exception {
		HttpResponse<String> grant = this.server.post("/token",
				ServiceAccount.form("client_credentials", ACCOUNT.assertion(this.server)));
		assertThat(grant.statusCode()).isEqualTo(400);
		assertThat(TestServer.json(grant.body()).path("error").asString()).isEqualTo("unsupported_grant_type");
		Instant now = Instant.now();
		HttpResponse<String> noScope = ServiceAccount.requestToken(this.server,
				ACCOUNT.assertion(ServiceAccount.tokenUri(this.server), null, now, now.plus(Duration.ofHours(1))));
		assertThat(noScope.statusCode()).isEqualTo(400);
		assertThat(TestServer.json(noScope.body()).path("error").asString()).isEqualTo("invalid_scope");
		SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
				new JWTClaimsSet.Builder().issuer(ACCOUNT.clientEmail()).build());
		hmac.sign(new MACSigner(new byte[32]));
		assertInvalidGrant(ServiceAccount.requestToken(this.server, hmac.serialize()), "RS256");
		assertInvalidGrant(ServiceAccount.requestToken(this.server, "not-a-jwt"), "Invalid JWT");
	}

	@Test
	void countsTokenRequestsForTestsOfTokenCaching() {
		ACCOUNT.token(this.server);
		ACCOUNT.token(this.server);
		ServiceAccount.requestToken(this.server, "not-a-jwt");
		JsonNode tokens = TestServer.json(this.server.get("/fake/google/tokens").body());
		assertThat(tokens.path("token_requests").asLong()).isEqualTo(3);
		assertThat(tokens.path("rejected").asLong()).isEqualTo(1);
		assertThat(tokens.path("issued").asLong()).isEqualTo(2);
		assertThat(tokens.path("active").asLong()).isEqualTo(2);
		assertThat(tokens.path("issued_by_client_email").path(ACCOUNT.clientEmail()).asLong()).isEqualTo(2);
		JsonNode stats = TestServer.json(this.server.get("/fake/stats").body());
		assertThat(stats.path("by_path").path("/token").asLong()).isEqualTo(3);
		assertThat(this.server.delete("/fake/google/tokens").statusCode()).isEqualTo(204);
		assertThat(TestServer.json(this.server.get("/fake/google/tokens").body()).path("issued").asLong()).isZero();
	}

	@Test
	void takesNoApiKeyEvenWhenTheServerRequiresOne() {
		try (TestServer keyed = TestServer.start("sk-fake")) {
			assertThat(ServiceAccount.requestToken(keyed, ACCOUNT.assertion(keyed)).statusCode()).isEqualTo(200);
		}
	}

	private static void assertInvalidGrant(HttpResponse<String> response, String description) {
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode error = TestServer.json(response.body());
		assertThat(error.path("error").asString()).isEqualTo("invalid_grant");
		assertThat(error.path("error_description").asString()).contains(description);
	}

}
