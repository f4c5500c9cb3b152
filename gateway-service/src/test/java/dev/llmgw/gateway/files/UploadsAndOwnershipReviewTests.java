package dev.llmgw.gateway.files;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a caller should not get from the upload routes and the Files and Batch APIs: a
 * batch made from another key's file, an upload larger than max_request_size_mb by
 * leaving out Content-Length, a 403 for a key made for LLM routes, a 500 for a malformed
 * form.
 */
class UploadsAndOwnershipReviewTests extends GatewayTestBase {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String LINES = "{\"custom_id\": \"one\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", "
			+ "\"body\": {\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}}\n";

	private static final String BATCH = "{\"input_file_id\":\"%s\",\"endpoint\":\"/v1/chat/completions\","
			+ "\"completion_window\":\"24h\"}";

	@Test
	void aKeyForLlmRoutesUsesFilesAndBatchesAsLiteLlmsOpenAiRoutesInclude() {
		AdminClient admin = new AdminClient(url(""));
		String key = admin.post("/key/generate", MASTER_KEY, Map.of("key_type", "llm_api")).text("/key");
		HttpResponse<String> uploaded = upload(key, "/v1/files?model=gpt-4o-mini");
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
		String file = JSON.readTree(uploaded.body()).path("id").asString();
		assertThat(as(key, "GET", "/v1/files/" + file, null).statusCode()).isEqualTo(200);
		assertThat(as(key, "GET", "/v1/files/" + file + "/content", null).statusCode()).isEqualTo(200);
		HttpResponse<String> batch = as(key, "POST", "/v1/batches", BATCH.formatted(file));
		assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
		String id = JSON.readTree(batch.body()).path("id").asString();
		assertThat(as(key, "GET", "/batches/" + id, null).statusCode()).isEqualTo(200);
		assertThat(as(key, "POST", "/v1/batches/" + id + "/cancel", "").statusCode()).isEqualTo(200);
		assertThat(as(key, "DELETE", "/files/" + file, null).statusCode()).isEqualTo(200);
	}

	@Test
	void anAdminViewerReadsAnotherKeysFileButMakesNoBatchFromIt() {
		AdminClient admin = new AdminClient(url(""));
		String owner = admin.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		String viewerId = "viewer-" + UUID.randomUUID();
		assertThat(admin.post("/user/new", MASTER_KEY, Map.of("user_id", viewerId, "user_role", "proxy_admin_viewer"))
			.status()).isEqualTo(200);
		String viewer = admin.post("/key/generate", MASTER_KEY, Map.of("user_id", viewerId)).text("/key");
		HttpResponse<String> uploaded = upload(owner, "/v1/files?model=gpt-4o-mini");
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
		String file = JSON.readTree(uploaded.body()).path("id").asString();

		assertThat(as(viewer, "GET", "/v1/files/" + file, null).statusCode()).as("viewers read").isEqualTo(200);
		HttpResponse<String> batch = as(viewer, "POST", "/v1/batches", BATCH.formatted(file));
		assertThat(batch.statusCode()).as("a batch is not a read: " + batch.body()).isEqualTo(404);
		assertThat(as(viewer, "DELETE", "/v1/files/" + file, null).statusCode()).isEqualTo(404);
		assertThat(as(owner, "POST", "/v1/batches", BATCH.formatted(file)).statusCode()).isEqualTo(200);
	}

	@Test
	void aKeyUnderABudgetStartsNoBatchWhoseCallsNoBudgetWouldSee() {
		AdminClient admin = new AdminClient(url(""));
		String key = admin.post("/key/generate", MASTER_KEY, Map.of("max_budget", 1)).text("/key");
		HttpResponse<String> uploaded = upload(key, "/v1/files?model=gpt-4o-mini");
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
		String file = JSON.readTree(uploaded.body()).path("id").asString();
		HttpResponse<String> batch = as(key, "POST", "/v1/batches", BATCH.formatted(file));
		assertThat(batch.statusCode()).as(batch.body()).isEqualTo(400);
		assertThat(batch.body()).contains("budget_not_metered").contains("not metered");
		assertThat(as(key, "GET", "/v1/batches", null).body()).as("nothing started at the provider")
			.doesNotContain("\"batch_");
		String userId = "budgeted-" + UUID.randomUUID();
		assertThat(admin.post("/user/new", MASTER_KEY, Map.of("user_id", userId, "max_budget", 5)).status())
			.isEqualTo(200);
		String usersKey = admin.post("/key/generate", MASTER_KEY, Map.of("user_id", userId)).text("/key");
		String usersFile = JSON.readTree(upload(usersKey, "/v1/files?model=gpt-4o-mini").body()).path("id").asString();
		assertThat(as(usersKey, "POST", "/v1/batches", BATCH.formatted(usersFile)).statusCode())
			.as("the user's budget counts as the key's")
			.isEqualTo(400);
	}

	@Test
	void aFileGoneFromTheProviderLeavesTheListWhenDeleted() {
		AdminClient admin = new AdminClient(url(""));
		String key = admin.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		HttpResponse<String> uploaded = upload(key, "/v1/files?model=gpt-4o-mini");
		String file = JSON.readTree(uploaded.body()).path("id").asString();
		// expired, or deleted on the provider's side
		HttpResponse<String> gone = send(
				HttpRequest.newBuilder(java.net.URI.create(FakeLlmServerProcess.shared().baseUrl() + "/files/" + file))
					.header("Authorization", "Bearer fake-key")
					.DELETE()
					.build());
		assertThat(gone.statusCode()).as(gone.body()).isEqualTo(200);
		HttpResponse<String> content = as(key, "GET", "/v1/files/" + file + "/content", null);
		assertThat(content.statusCode()).as("the provider's error, before any byte").isEqualTo(404);
		assertThat(content.body()).contains("\"error\"", "No such File object");
		HttpResponse<String> deleted = as(key, "DELETE", "/v1/files/" + file, null);
		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(404);
		assertThat(as(key, "GET", "/v1/files", null).body()).doesNotContain(file);
		assertThat(as(key, "DELETE", "/v1/files/" + file, null).body()).contains("not found");
	}

	@Test
	void aKeyUploadsOnlyToGroupsItMayUse() {
		AdminClient admin = new AdminClient(url(""));
		String key = admin.post("/key/generate", MASTER_KEY, Map.of("models", List.of("gpt-4o-mini"))).text("/key");
		HttpResponse<String> refused = upload(key, "/v1/files?target_model_names=azure-gpt");
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
		assertThat(upload(key, "/v1/files?model=gpt-4o-mini").statusCode()).isEqualTo(200);
	}

	@Test
	void aChunkedUploadIsHeldToTheRequestSizeLimit() {
		// max_request_size_mb is 1; without Content-Length the size is known only as it
		// is read
		byte[] audio = new byte[3 * 1024 * 1024];
		java.util.Arrays.fill(audio, (byte) 'a');
		for (String path : List.of("/v1/audio/transcriptions", "/v1/files")) {
			String head = "--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper\r\n"
					+ "--b\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
					+ "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp3\"\r\n"
					+ "Content-Type: audio/mpeg\r\n\r\n";
			byte[] whole = concat(head.getBytes(StandardCharsets.UTF_8), audio,
					"\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8));
			HttpResponse<String> answer = send(request(path).header("Authorization", "Bearer " + MASTER_KEY)
				.header("Content-Type", "multipart/form-data; boundary=b")
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(whole)))
				.build());
			assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(413);
		}
	}

	@Test
	void malformedFormsAre400s() {
		for (String path : List.of("/v1/audio/transcriptions", "/v1/files")) {
			HttpResponse<String> noBoundary = send(request(path).header("Authorization", "Bearer " + MASTER_KEY)
				.header("Content-Type", "multipart/form-data")
				.POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"file\"; "
						+ "filename=\"a\"\r\n\r\nx\r\n--b--\r\n"))
				.build());
			assertThat(noBoundary.statusCode()).as(path + ": " + noBoundary.body()).isEqualTo(400);
			HttpResponse<String> cut = send(request(path).header("Authorization", "Bearer " + MASTER_KEY)
				.header("Content-Type", "multipart/form-data; boundary=b")
				.POST(HttpRequest.BodyPublishers.ofString(
						"--b\r\nContent-Disposition: form-data; name=\"file\"; " + "filename=\"a\"\r\n\r\nxxxxxxxx"))
				.build());
			assertThat(cut.statusCode()).as(path + ": " + cut.body()).isEqualTo(400);
			HttpResponse<String> textFile = send(request(path).header("Authorization", "Bearer " + MASTER_KEY)
				.header("Content-Type", "multipart/form-data; boundary=b")
				.POST(HttpRequest.BodyPublishers
					.ofString("--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n"
							+ "whisper\r\n--b\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
							+ "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--b--\r\n"))
				.build());
			assertThat(textFile.statusCode()).as(path + ": " + textFile.body()).isEqualTo(400);
			assertThat(textFile.body()).contains("\"param\":\"file\"");
		}
	}

	private HttpResponse<String> upload(String key, String path) {
		String body = "--b\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
				+ "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n"
				+ "Content-Type: application/jsonl\r\n\r\n" + LINES + "\r\n--b--\r\n";
		return send(request(path).header("Authorization", "Bearer " + key)
			.header("Content-Type", "multipart/form-data; boundary=b")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private HttpResponse<String> as(String key, String method, String path, String json) {
		HttpRequest.Builder request = request(path).header("Authorization", "Bearer " + key);
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return send(
				request
					.method(method,
							(json != null) ? HttpRequest.BodyPublishers.ofString(json)
									: HttpRequest.BodyPublishers.noBody())
					.build());
	}

	private static byte[] concat(byte[]... parts) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
