package dev.llmgw.fake.oidc;

import java.net.http.HttpResponse;

import dev.llmgw.fake.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization server the fake plays: discovery names the issuer at the address the
 * caller used and its key set, which serves what a test last published.
 */
class OidcEndpointsTests {

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
	void discoveryPointsAtTheKeysATestPublished() {
		JsonNode discovery = TestServer
			.json(this.server.get("/oauth2/default/.well-known/openid-configuration").body());
		String issuer = discovery.path("issuer").asString();
		assertThat(issuer).startsWith("http://").endsWith("/oauth2/default");
		assertThat(discovery.path("jwks_uri").asString()).isEqualTo(issuer + "/v1/keys");
		assertThat(this.server.get("/oauth2/default/v1/keys").body()).isEqualTo("{\"keys\":[]}");
		String keys = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}";
		HttpResponse<String> published = this.server.post("/fake/jwks", keys);
		assertThat(published.statusCode()).isEqualTo(200);
		assertThat(this.server.get("/oauth2/default/v1/keys").body()).isEqualTo(keys);
	}

	@Test
	void fetchesAreCountedPerAuthorizationServer() {
		String before = this.server.get("/fake/jwks/requests/counted").body();
		assertThat(before).isEqualTo("{\"keys\":0,\"discovery\":0}");
		this.server.get("/oauth2/counted/.well-known/openid-configuration");
		this.server.get("/oauth2/counted/v1/keys");
		this.server.get("/oauth2/counted/v1/keys");
		this.server.get("/oauth2/other/v1/keys");
		assertThat(this.server.get("/fake/jwks/requests/counted").body()).isEqualTo("{\"keys\":2,\"discovery\":1}");
	}

}
