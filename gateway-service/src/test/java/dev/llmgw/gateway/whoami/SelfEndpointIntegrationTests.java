package dev.llmgw.gateway.whoami;

import java.util.Map;
import java.util.UUID;

import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.AdminClient.Reply;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /key/self} answers 200 for every credential the gateway accepts and names
 * its owner, never the key; 401 for any other. The middleware decides who owns a chat
 * session by it.
 */
class SelfEndpointIntegrationTests extends GatewayTestBase {

	AdminClient admin;

	@BeforeEach
	void client() {
		this.admin = new AdminClient(url(""));
	}

	@Test
	void theMasterKeyIsNamedByItsDigest() {
		Reply self = this.admin.get("/key/self", MASTER_KEY);
		assertThat(self.status()).as(self.body()).isEqualTo(200);
		JsonNode body = self.json();
		assertThat(body.get("is_master_key").asBoolean()).isTrue();
		assertThat(body.get("owner_id").asString()).isEqualTo(KeyHashes.sha256Hex(MASTER_KEY));
		assertThat(body.get("user_role").asString()).isEqualTo("proxy_admin");
		assertThat(body.has("team_id")).as("every field written").isTrue();
		assertThat(self.body()).doesNotContain(MASTER_KEY);
		// why the route exists: LiteLLM's own-key lookup has no row for the master key
		assertThat(this.admin.get("/key/info", MASTER_KEY).status()).isEqualTo(400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "proxy_admin", "proxy_admin_viewer", "internal_user", "internal_user_viewer" })
	void aVirtualKeyOfEveryRoleIsNamedByItsTokenAndUser(String role) {
		String userId = "self-" + role + "-" + UUID.randomUUID();
		Reply user = this.admin.post("/user/new", MASTER_KEY, Map.of("user_id", userId, "user_role", role));
		assertThat(user.status()).as(user.body()).isEqualTo(200);
		String key = user.text("/key");
		Reply self = this.admin.get("/key/self", key);
		assertThat(self.status()).as(self.body()).isEqualTo(200);
		JsonNode body = self.json();
		assertThat(body.get("owner_id").asString()).isEqualTo(KeyHashes.sha256Hex(key));
		assertThat(body.get("user_id").asString()).isEqualTo(userId);
		assertThat(body.get("user_role").asString()).isEqualTo(role);
		assertThat(body.get("is_master_key").asBoolean()).isFalse();
		assertThat(self.body()).doesNotContain(key);
	}

	@Test
	void aTeamKeyWithoutAUserNamesItsTeam() {
		Reply team = this.admin.post("/team/new", MASTER_KEY, Map.of("team_alias", "self-" + UUID.randomUUID()));
		assertThat(team.status()).as(team.body()).isEqualTo(200);
		String teamId = team.text("/team_id");
		Reply generated = this.admin.post("/key/generate", MASTER_KEY, Map.of("team_id", teamId));
		assertThat(generated.status()).as(generated.body()).isEqualTo(200);
		String key = generated.text("/key");
		JsonNode body = this.admin.get("/key/self", key).json();
		assertThat(body.get("team_id").asString()).isEqualTo(teamId);
		assertThat(body.get("user_id").isNull()).isTrue();
		assertThat(body.get("owner_id").asString()).isEqualTo(KeyHashes.sha256Hex(key));
	}

	@Test
	void anyOtherCredentialIsRefusedWithA401() {
		assertThat(this.admin.get("/key/self", "sk-not-a-key-at-all").status()).isEqualTo(401);
		Reply generated = this.admin.post("/key/generate", MASTER_KEY, Map.of());
		String key = generated.text("/key");
		assertThat(this.admin.post("/key/block", MASTER_KEY, Map.of("key", key)).status()).isEqualTo(200);
		assertThat(this.admin.get("/key/self", key).status()).isEqualTo(401);
	}

}
