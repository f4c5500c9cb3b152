package dev.llmgw.gateway.web;

import java.net.http.HttpResponse;
import java.util.List;

import dev.llmgw.gateway.support.ExternalServices;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad inputs that cost a 500 (shared/spec security review): each is a 400 naming the
 * field, in the route's protocol, on PostgreSQL, which refuses NUL characters in text.
 */
class BadInputIntegrationTests extends GatewayTestBase {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String NUL = "\\u0000";

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		String databaseUrl = ExternalServices.newPostgresDatabase();
		registry.add("gateway.database-url", () -> databaseUrl);
	}

	@Test
	void aNullBodyIsABadRequestOnEveryPostRoute() {
		for (String path : List.of("/v1/chat/completions", "/v1/completions", "/v1/embeddings",
				"/v1/images/generations", "/key/generate", "/key/update", "/user/new", "/team/new", "/customer/new",
				"/team/member_add")) {
			JsonNode error = refused(post(path, "null"), null);
			assertThat(error.path("message").asString()).as(path).contains("not null");
		}
		JsonNode anthropic = anthropicRefusal(post("/v1/messages", "null"));
		assertThat(anthropic.path("message").asString()).contains("not null");
	}

	@Test
	void aNullWhereAMessageGoesIsABadRequestInAnthropicsShape() {
		JsonNode error = anthropicRefusal(
				post("/v1/messages", "{\"model\":\"gpt-4o-mini\",\"max_tokens\":5,\"messages\":[null]}"));
		assertThat(error.path("message").asString()).contains("messages[0]");
	}

	@Test
	void aNullIdIsOneNotGiven() {
		HttpResponse<String> user = post("/user/new", "{\"user_id\": null}");
		assertThat(user.statusCode()).as(user.body()).isEqualTo(200);
		assertThat(JSON.readTree(user.body()).path("user_id").asString()).isNotBlank();
		HttpResponse<String> team = post("/team/new", "{\"team_id\": null}");
		assertThat(team.statusCode()).as(team.body()).isEqualTo(200);
		assertThat(JSON.readTree(team.body()).path("team_id").asString()).isNotBlank();
	}

	@Test
	void nulCharactersInAdminFieldsAreRefusedNamingTheField() {
		refused(post("/key/generate", "{\"key_alias\":\"alias" + NUL + "\"}"), "key_alias");
		refused(post("/user/new", "{\"user_id\":\"u" + NUL + "\"}"), "user_id");
		refused(post("/team/new", "{\"team_alias\":\"t" + NUL + "\"}"), "team_alias");
		refused(post("/customer/new", "{\"user_id\":\"c" + NUL + "\"}"), "user_id");
		refused(post("/key/generate", "{\"metadata\":{\"deep\":[{\"k" + NUL + "\":1}]}}"), "metadata.deep[0]");
		refused(post("/key/generate", "{\"tags\":[\"ok\",\"t" + NUL + "\"]}"), "tags[1]");
		refused(post("/team/member_add", "{\"team_id\":\"t\",\"member\":{\"user_id\":\"" + NUL + "\"}}"),
				"member.user_id");
	}

	@Test
	void idsAliasesAndEmailsHaveLengthCaps() {
		String tenThousand = "x".repeat(10_000);
		refused(post("/key/generate", "{\"key_alias\":\"" + tenThousand + "\"}"), "key_alias");
		refused(post("/team/new", "{\"team_alias\":\"" + tenThousand + "\"}"), "team_alias");
		refused(post("/user/new", "{\"user_email\":\"" + tenThousand + "@example.com\"}"), "user_email");
		refused(post("/user/new", "{\"user_id\":\"" + "u".repeat(256) + "\"}"), "user_id");
		refused(post("/team/member_add", "{\"team_id\":\"t\",\"member\":[{\"user_id\":\"" + tenThousand + "\"}]}"),
				"member[0].user_id");
		HttpResponse<String> longest = post("/user/new",
				"{\"user_id\":\"" + "u".repeat(255) + "\",\"user_email\":\"" + "e".repeat(308) + "@example.com\"}");
		assertThat(longest.statusCode()).as("at the caps: " + longest.body()).isEqualTo(200);
	}

	@Test
	void nulCharactersInQueryParametersAreRefused() {
		refused(get("/key/info?key=sk-abc%00"), "key");
		refused(get("/team/info?team_id=%00"), "team_id");
		refused(get("/user/info?user_id=u%00"), "user_id");
		refused(get("/user/info?user_id=" + "u".repeat(300)), "user_id");
	}

	@Test
	void nulCharactersInWhatAModelCallStoresAreRefused() {
		refused(post("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"user\":\"u" + NUL
				+ "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), "user");
		refused(post("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"metadata\":{\"a\":{\"b\":\"" + NUL
				+ "\"}},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), "metadata.a.b");
		refused(post("/v1/chat/completions", chat("gpt-4o-mini" + NUL, "hi")), "model");
		refused(post("/v1/embeddings",
				"{\"model\":\"text-embedding-3-small\",\"input\":\"hi\",\"user\":\"" + NUL + "\"}"), "user");
		refused(post("/v1/completions", "{\"model\":\"gpt-4o-mini\",\"prompt\":\"hi\",\"user\":\"" + NUL + "\"}"),
				"user");
		refused(post("/v1/images/generations", "{\"model\":\"gpt-4o-mini\",\"prompt\":\"a\",\"user\":\"" + NUL + "\"}"),
				"user");
		JsonNode anthropic = anthropicRefusal(post("/v1/messages", "{\"model\":\"gpt-4o-mini\",\"max_tokens\":5,"
				+ "\"metadata\":{\"user_id\":\"" + NUL + "\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
		assertThat(anthropic.path("message").asString()).contains("metadata.user_id");
		refused(post("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"user\":\"" + "u".repeat(256)
				+ "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), "user");
		refused(send(request("/v1/chat/completions").header("Authorization", "Bearer " + MASTER_KEY)
			.header("x-litellm-customer-id", "c".repeat(256))
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(chat("gpt-4o-mini", "hi")))
			.build()), "x-litellm-customer-id");
		// an escaped backslash before u0000 is text, not a NUL
		HttpResponse<String> text = post("/v1/chat/completions",
				"{\"model\":\"gpt-4o-mini\",\"user\":\"u\\\\u0000\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
		assertThat(text.statusCode()).as(text.body()).isEqualTo(200);
		// what the model reads is passed on as OpenAI takes it, and never stored as text
		HttpResponse<String> prompt = post("/v1/chat/completions",
				"{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"a" + NUL + "b\"}]}");
		assertThat(prompt.statusCode()).as(prompt.body()).isEqualTo(200);
	}

	/** The OpenAI error of a 400, which names the field in {@code param} and message. */
	private static JsonNode refused(HttpResponse<String> response, String param) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		JsonNode error = JSON.readTree(response.body()).path("error");
		assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
		if (param != null) {
			assertThat(error.path("param").asString()).as(response.body()).isEqualTo(param);
			assertThat(error.path("message").asString()).contains(param);
		}
		return error;
	}

	private static JsonNode anthropicRefusal(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.path("type").asString()).isEqualTo("error");
		assertThat(body.at("/error/type").asString()).isEqualTo("invalid_request_error");
		return body.path("error");
	}

}
