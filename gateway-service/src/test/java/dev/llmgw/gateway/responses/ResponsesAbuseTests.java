package dev.llmgw.gateway.responses;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.AdminClient.Reply;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v1/responses} against hostile or careless bodies: every wrong shape is a 400
 * naming its field, never a 500 or a silent guess, and nothing a caller adds reaches the
 * provider beside the conversation the gateway checked.
 */
class ResponsesAbuseTests extends GatewayTestBase {

	@Test
	void chatsMessagesCannotRideAlongBesideTheTranslatedConversation() {
		// the provider would read the last of two "messages" keys: a conversation the
		// guardrails, the prompt-size check and the spend logs never saw
		assertBadRequest(
				"{\"model\":\"echo-via-chat\",\"input\":\"hi\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
				"messages");
		var reply = post("/v1/responses",
				"{\"model\":\"echo-via-chat\",\"input\":\"hi\",\"max_output_tokens\":5,\"max_tokens\":7}");
		assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
		String sent = reply.body();
		assertThat(sent.split("max_tokens", -1)).as(sent).hasSize(2);
		assertThat(sent).contains("\\\"max_tokens\\\":5");
	}

	@Test
	void wrongTypesAre400sNamingTheField() {
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"instructions\":5}", "instructions");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"instructions\":[5]}", "instructions[0]");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"text\":{\"format\":5}}", "text.format");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"text\":{\"format\":\"json\"}}", "text.format");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"reasoning\":{\"effort\":5}}",
				"reasoning.effort");
		// already refused by the body reader or the translator
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"tools\":\"x\"}", "tools");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"tools\":[null]}", "tools[0]");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"metadata\":5}", "metadata");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"text\":5}", "text");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"max_output_tokens\":\"x\"}",
				"max_output_tokens");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":[null]}", "input[0]");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":[{\"role\":\"user\",\"content\":[null]}]}",
				"input[0].content[0]");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"tool_choice\":5}", "tool_choice");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"store\":\"yes\"}", "store");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"metadata\":{\"k\":\"\\u0000\"}}", "metadata.k");
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"instructions\":\"\\u0000\"}", "instructions");
		var summaryNull = post("/v1/responses", "{\"model\":\"gpt-4o-mini\",\"input\":"
				+ "[{\"type\":\"reasoning\",\"summary\":null},{\"role\":\"user\",\"content\":\"x\"}]}");
		assertThat(summaryNull.statusCode()).as(summaryNull.body()).isEqualTo(200);
	}

	@Test
	void aBodyNestedToTheLimitIsA400NotA500() {
		// the body reader takes 500 levels; tools are one level deeper in chat's form and
		// the stream's events one level deeper than the response they carry
		for (int depth = 490; depth <= 500; depth++) {
			String deep = "[".repeat(depth) + "]".repeat(depth);
			for (String body : new String[] {
					"{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"tools\":[{\"type\":\"function\",\"name\":\"f\","
							+ "\"parameters\":{\"a\":" + deep + "}}]}",
					"{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"stream\":true,\"metadata\":{\"a\":" + deep + "}}",
					"{\"model\":\"gpt-4o-mini\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\","
							+ "\"image_url\":\"https://x/a.png\",\"detail\":" + deep + "}]}]}" }) {
				var reply = post("/v1/responses", body);
				assertThat(reply.statusCode()).as(depth + ": " + reply.body()).isIn(200, 400);
				assertThat(reply.body()).as(depth + ": " + reply.body()).doesNotContain("event: error");
			}
		}
	}

	@Test
	void aCallersItemIdCanBePagedAfter() {
		var made = post("/v1/responses", """
				{"model":"gpt-4o-mini","input":[{"role":"user","content":"a","id":"item:1"},
				  {"role":"user","content":"b","id":"item.2"}]}""");
		assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
		String id = made.body().replaceAll("(?s).*?\"id\":\"(resp_[0-9a-z_]+)\".*", "$1");
		var page = get("/v1/responses/" + id + "/input_items?order=asc&after=item:1");
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		assertThat(page.body()).contains("\"first_id\":\"item.2\"").doesNotContain("\"text\":\"a\"");
	}

	@Test
	void aStreamThatFailsBeforeItStartsIsAnErrorStatus() {
		var reply = post("/v1/responses", "{\"model\":\"broken\",\"stream\":true,\"input\":\"x\"}");
		assertThat(reply.statusCode()).as(reply.body()).isGreaterThanOrEqualTo(400);
		assertThat(reply.headers().firstValue("content-type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(reply.body()).startsWith("{\"error\":").doesNotContain("response.created");
		var refused = post("/v1/responses", "{\"model\":\"no-such-model\",\"stream\":true,\"input\":\"x\"}");
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
	}

	@Test
	void idsThatCouldReachAQueryOrALogAre400s() {
		for (String id : new String[] { "resp_%27%20OR%20%271%27=%271", "resp_%0Aforged", "..%2F..%2Fetc",
				"r".repeat(129), "resp_%00" }) {
			HttpResponse<String> read = get("/v1/responses/" + id);
			assertThat(read.statusCode()).as(id + ": " + read.body()).isEqualTo(400);
			assertThat(get("/v1/responses/" + id + "/input_items").statusCode()).as(id).isEqualTo(400);
		}
		assertBadRequest("{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"previous_response_id\":\"resp_1' OR '1'='1\"}",
				"previous_response_id");
	}

	@Test
	void aResponseIsItsKeysAViewerReadsAnyAndOnlyAnAdminDeletesAnothers() {
		AdminClient admin = new AdminClient(url(""));
		String owner = userKey(admin, "internal_user");
		String stranger = userKey(admin, "internal_user");
		String viewer = userKey(admin, "proxy_admin_viewer");
		String proxyAdmin = userKey(admin, "proxy_admin");
		Reply made = admin.post("/v1/responses", owner, "{\"model\":\"gpt-4o-mini\",\"input\":\"owner's secret\"}");
		assertThat(made.status()).as(made.body()).isEqualTo(200);
		String id = made.text("/id");
		String continued = "{\"model\":\"echo\",\"input\":\"go on\",\"previous_response_id\":\"" + id + "\"}";

		assertThat(admin.get("/v1/responses/" + id, stranger).status()).isEqualTo(404);
		Reply items = admin.get("/v1/responses/" + id + "/input_items", stranger);
		assertThat(items.status()).isEqualTo(404);
		assertThat(items.body()).doesNotContain("secret");
		assertThat(admin.get("/responses/" + id, stranger).status()).isEqualTo(404);
		assertThat(admin.post("/v1/responses", stranger, continued).status()).isEqualTo(400);
		assertThat(admin.send("DELETE", "/v1/responses/" + id, stranger, "").status()).isEqualTo(404);

		assertThat(admin.get("/v1/responses/" + id, viewer).status()).isEqualTo(200);
		assertThat(admin.get("/v1/responses/" + id + "/input_items", viewer).body()).contains("owner's secret");
		assertThat(admin.send("DELETE", "/v1/responses/" + id, viewer, "").status()).isEqualTo(404);

		assertThat(admin.get("/v1/responses/" + id, owner).status()).isEqualTo(200);
		assertThat(admin.send("DELETE", "/v1/responses/" + id, proxyAdmin, "").status()).isEqualTo(200);
		assertThat(admin.get("/v1/responses/" + id, owner).status()).isEqualTo(404);
	}

	private static String userKey(AdminClient admin, String role) {
		Reply user = admin.post("/user/new", MASTER_KEY,
				Map.of("user_id", role + "-" + UUID.randomUUID(), "user_role", role));
		assertThat(user.status()).as(user.body()).isEqualTo(200);
		return user.text("/key");
	}

	private void assertBadRequest(String body, String param) {
		var reply = post("/v1/responses", body);
		assertThat(reply.statusCode()).as(body + " -> " + reply.body()).isEqualTo(400);
		assertThat(reply.body()).as(body).contains("\"param\":\"" + param + "\"");
	}

}
