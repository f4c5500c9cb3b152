package dev.llmgw.gateway.providers.bedrock;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Iterator;
import java.util.Map;

import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Bedrock deployment with {@code aws_role_name}: its keys assume the role through STS
 * (the fake plays STS), and the role's temporary credentials, not the keys, sign the
 * Converse calls; the credentials are kept until they near expiry, not fetched per call.
 */
class BedrockAssumeRoleIntegrationTests extends GatewayTestBase {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void theAssumedRolesCredentialsSignTheCalls() {
		JsonNode before = stats();
		for (int i = 0; i < 2; i++) {
			var response = post("/v1/chat/completions", chat("bedrock-assumed", "hello " + i));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(response.body()).contains("hello " + i);
		}
		JsonNode after = stats();
		assertThat(after.at("/by_path/sts").asLong(0) - before.at("/by_path/sts").asLong(0))
			.as("one AssumeRole for both calls")
			.isEqualTo(1);
		long signedByRole = 0;
		for (Iterator<Map.Entry<String, JsonNode>> keys = after.path("by_access_key").properties().iterator(); keys
			.hasNext();) {
			Map.Entry<String, JsonNode> key = keys.next();
			if (key.getKey().startsWith("ASIAFAKE")) {
				signedByRole += key.getValue().asLong() - before.path("by_access_key").path(key.getKey()).asLong(0);
			}
		}
		assertThat(signedByRole).isEqualTo(2);
	}

	private static JsonNode stats() {
		return JSON.readTree(send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + FakeLlmServerProcess.shared().port() + "/fake/stats"))
			.GET()
			.build()).body());
	}

}
