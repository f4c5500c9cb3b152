package dev.llmgw.gateway.admin;

import java.util.Map;
import java.util.UUID;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LiteLLM's {@code /spend/keys} and {@code /spend/users}: the biggest spenders first, as
 * the rows {@code /key/info} and {@code /user/info} show (no key material); a user may
 * read their own row, nobody else's.
 */
class SpendListsIntegrationTests extends GatewayTestBase {

	@Test
	void theBiggestSpendersComeFirstAndAUserSeesOnlyThemselves() {
		AdminClient admin = new AdminClient(url(""));
		String id = UUID.randomUUID().toString().substring(0, 8);
		String key = admin.post("/user/new", MASTER_KEY, Map.of("user_id", "spender-" + id, "key_alias", "sp-" + id))
			.text("/key");
		admin.post("/key/update", MASTER_KEY, Map.of("key", key, "spend", 987_654.0));
		admin.post("/user/update", MASTER_KEY, Map.of("user_id", "spender-" + id, "spend", 876_543.0));

		JsonNode keys = admin.get("/spend/keys", MASTER_KEY).json();
		assertThat(keys.isArray()).isTrue();
		assertThat(keys.get(0).path("key_alias").asString()).isEqualTo("sp-" + id);
		assertThat(keys.toString()).doesNotContain(key);
		JsonNode users = admin.get("/spend/users", MASTER_KEY).json();
		assertThat(users.get(0).path("user_id").asString()).isEqualTo("spender-" + id);

		AdminClient.Reply own = admin.get("/spend/users?user_id=spender-" + id, key);
		assertThat(own.status()).as(own.body()).isEqualTo(200);
		assertThat(own.json()).hasSize(1);
		assertThat(admin.get("/spend/users?user_id=someone-else", key).status()).isEqualTo(401);
		assertThat(admin.get("/spend/users", key).status()).isEqualTo(401);
		assertThat(admin.get("/spend/keys", key).status()).isEqualTo(401);
		assertThat(admin.get("/spend/users?user_id=nobody-" + id, MASTER_KEY).json()).isEmpty();
	}

}
