package dev.llmgw.gateway.files;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.MultipartField;
import com.openai.errors.NotFoundException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.Eventually;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code /v1/files} and {@code /v1/batches} through the gateway, driven by the official
 * OpenAI Java SDK: a batch file uploaded, a batch run on the deployment that holds it,
 * its output downloaded, and every object reachable by the key that made it only.
 */
class FilesAndBatchesCompatibilityTests extends GatewayTestBase {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String LINES = """
			{"custom_id": "one", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "first"}]}}
			{"custom_id": "two", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "second"}]}}
			""";

	@Test
	void aBatchRunsFromAnUploadedFileAndItsOutputIsTheOwnersToRead() throws IOException {
		AdminClient admin = new AdminClient(url(""));
		String key = admin.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		String other = admin.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		OpenAIClient client = client(key);
		OpenAIClient stranger = client(other);
		try {
			FileObject file = client.files()
				.create(FileCreateParams.builder()
					.file(named(LINES, "batch.jsonl"))
					.purpose(FilePurpose.BATCH)
					.build());
			assertThat(file.id()).startsWith("file-fake");
			assertThat(file.filename()).isEqualTo("batch.jsonl");
			assertThat(client.files().retrieve(file.id()).bytes())
				.isEqualTo(LINES.getBytes(StandardCharsets.UTF_8).length);
			Batch batch = client.batches()
				.create(BatchCreateParams.builder()
					.inputFileId(file.id())
					.endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
					.completionWindow(BatchCreateParams.CompletionWindow._24H)
					.build());
			Batch done = client.batches().retrieve(batch.id());
			assertThat(done.status()).isEqualTo(Batch.Status.COMPLETED);
			String output = done.outputFileId().orElseThrow();
			try (var content = client.files().content(output); InputStream body = content.body()) {
				assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).contains("You said: first",
						"You said: second");
			}
			assertThat(client.files().list().data()).extracting(FileObject::id).contains(file.id(), output);
			assertThat(client.batches().list().data()).extracting(Batch::id).containsExactly(batch.id());

			// another key sees none of it, and cannot start a batch from the file
			assertThat(stranger.files().list().data()).isEmpty();
			assertThatThrownBy(() -> stranger.files().retrieve(file.id())).isInstanceOf(NotFoundException.class);
			assertThatThrownBy(() -> stranger.files().content(output).close()).isInstanceOf(NotFoundException.class);
			assertThatThrownBy(() -> stranger.batches().retrieve(batch.id())).isInstanceOf(NotFoundException.class);
			assertThatThrownBy(() -> stranger.batches().cancel(batch.id())).isInstanceOf(NotFoundException.class);
			assertThatThrownBy(() -> stranger.files().delete(file.id())).isInstanceOf(NotFoundException.class);
			assertThatThrownBy(() -> stranger.batches()
				.create(BatchCreateParams.builder()
					.inputFileId(file.id())
					.endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
					.completionWindow(BatchCreateParams.CompletionWindow._24H)
					.build()))
				.isInstanceOf(NotFoundException.class);

			assertThat(client.files().delete(file.id()).deleted()).isTrue();
			assertThatThrownBy(() -> client.files().retrieve(file.id())).isInstanceOf(NotFoundException.class);
		}
		finally {
			client.close();
			stranger.close();
		}
		Eventually.within(Duration.ofSeconds(10), () -> {
			String logs = admin.get("/spend/logs?api_key=" + key, MASTER_KEY).body();
			return logs.contains("\"call_type\":\"acreate_file\"") && logs.contains("\"call_type\":\"acreate_batch\"");
		});
	}

	@Test
	void anAzureDeploymentKeepsTheFilesOfItsGroup() {
		HttpResponse<String> uploaded = upload("/v1/files?target_model_names=azure-gpt",
				LINES.replace("gpt-4o-mini", "azure-gpt"));
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
		String file = JSON.readTree(uploaded.body()).path("id").asString();
		HttpResponse<String> batch = post("/v1/batches", "{\"input_file_id\":\"" + file
				+ "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"}");
		assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
		String id = JSON.readTree(batch.body()).path("id").asString();
		HttpResponse<String> cancelled = post("/v1/batches/" + id + "/cancel", "");
		assertThat(JSON.readTree(cancelled.body()).path("status").asString()).isEqualTo("cancelled");
	}

	@Test
	void withoutAModelAnUploadGoesToTheFirstGroupTheKeyMayUse() {
		AdminClient admin = new AdminClient(url(""));
		String azureOnly = admin.post("/key/generate", MASTER_KEY, Map.of("models", List.of("azure-gpt"))).text("/key");
		HttpResponse<String> uploaded = send(request("/v1/files").header("Authorization", "Bearer " + azureOnly)
			.header("Content-Type", "multipart/form-data; boundary=b")
			.POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n"
					+ "batch\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n\r\n"
					+ LINES.replace("gpt-4o-mini", "azure-gpt") + "\r\n--b--\r\n"))
			.build());
		assertThat(uploaded.statusCode()).as("gpt-4o-mini comes first, but this key may use azure-gpt only")
			.isEqualTo(200);
	}

	@Test
	void aBatchFilesLinesNameTheGroupAndGoOutAsItsDeploymentsModel() {
		String lines = LINES.replace("gpt-4o-mini", "azure-gpt");
		HttpResponse<String> uploaded = upload("/v1/files?target_model_names=azure-gpt", lines);
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
		String file = JSON.readTree(uploaded.body()).path("id").asString();
		String sent = get("/v1/files/" + file + "/content").body();
		assertThat(sent).contains("\"model\":\"gpt-4o-deploy\"").doesNotContain("azure-gpt");
		assertThat(sent.lines().filter((line) -> !line.isBlank()).count()).isEqualTo(2);
	}

	@Test
	void aBatchFileCannotRunAModelTheKeyMayNotUse() {
		AdminClient admin = new AdminClient(url(""));
		String miniOnly = admin.post("/key/generate", MASTER_KEY, Map.of("models", List.of("gpt-4o-mini")))
			.text("/key");
		String other = LINES.replace(
				"\"custom_id\": \"two\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", "
						+ "\"body\": {\"model\": \"gpt-4o-mini\"",
				"\"custom_id\": \"two\", \"method\": \"POST\", \"url\": "
						+ "\"/v1/chat/completions\", \"body\": {\"model\": \"gpt-4o\"");
		assertThat(other).contains("\"gpt-4o\"");
		HttpResponse<String> refused = send(request("/v1/files?model=gpt-4o-mini")
			.header("Authorization", "Bearer " + miniOnly)
			.header("Content-Type", "multipart/form-data; boundary=b")
			.POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n"
					+ "batch\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n\r\n"
					+ other + "\r\n--b--\r\n"))
			.build());
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(refused.body()).contains("line 2").contains("'gpt-4o'").contains("\"param\":\"file\"");
		assertThat(upload("/v1/files", "{\"custom_id\": \"x\"}\n").body()).contains("line 1 needs a 'body' object");
		assertThat(upload("/v1/files", "not json\n").body()).contains("line 1 is not JSON");
		assertThat(upload("/v1/files",
				"{\"custom_id\": \"x\", \"body\": {\"model\": \"gpt-4o\", \"model\": \"gpt-4o-mini\"}}\n")
			.body()).as("a second model key would hide the first from the check")
			.contains("line 1 names a field twice");
	}

	@Test
	void listsArePagedAsOpenAiPagesThemWithThePurposeFilteredFirst() {
		AdminClient admin = new AdminClient(url(""));
		String key = admin.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		List<String> ids = new java.util.ArrayList<>();
		for (String purpose : List.of("batch", "user_data", "batch", "batch")) {
			HttpResponse<String> uploaded = send(request("/v1/files?model=gpt-4o-mini")
				.header("Authorization", "Bearer " + key)
				.header("Content-Type", "multipart/form-data; boundary=b")
				.POST(HttpRequest.BodyPublishers
					.ofString("--b\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose
							+ "\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n\r\n"
							+ LINES + "\r\n--b--\r\n"))
				.build());
			assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
			ids.add(JSON.readTree(uploaded.body()).path("id").asString());
		}
		JsonNode first = JSON.readTree(listed(key, "/v1/files?purpose=batch&limit=2"));
		assertThat(first.path("data").findValuesAsString("id")).containsExactly(ids.get(3), ids.get(2));
		assertThat(first.path("has_more").asBoolean()).isTrue();
		JsonNode second = JSON
			.readTree(listed(key, "/v1/files?purpose=batch&limit=2&after=" + first.path("last_id").asString()));
		assertThat(second.path("data").findValuesAsString("id")).containsExactly(ids.get(0));
		assertThat(second.path("has_more").asBoolean()).isFalse();
		JsonNode ascending = JSON.readTree(listed(key, "/v1/files?order=asc&limit=3"));
		assertThat(ascending.path("data").findValuesAsString("id")).containsExactly(ids.get(0), ids.get(1), ids.get(2));
		HttpResponse<String> unknown = send(
				request("/v1/files?after=file-nobody").header("Authorization", "Bearer " + key).GET().build());
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("\"param\":\"after\"");
		HttpResponse<String> tooMany = send(
				request("/v1/batches?limit=101").header("Authorization", "Bearer " + key).GET().build());
		assertThat(tooMany.body()).contains("from 1 to 100");
		HttpResponse<String> badPurpose = send(
				request("/v1/files?purpose=%25%22").header("Authorization", "Bearer " + key).GET().build());
		assertThat(badPurpose.statusCode()).isEqualTo(400);
		assertThat(badPurpose.body()).contains("\"param\":\"purpose\"");
	}

	private String listed(String key, String path) {
		HttpResponse<String> response = send(request(path).header("Authorization", "Bearer " + key).GET().build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	@Test
	void readsOfAFinishedBatchAtOnceAllSucceed() {
		HttpResponse<String> uploaded = upload("/v1/files", LINES);
		String file = JSON.readTree(uploaded.body()).path("id").asString();
		String batch = JSON
			.readTree(post("/v1/batches",
					"{\"input_file_id\":\"" + file
							+ "\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"}")
				.body())
			.path("id")
			.asString();
		List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> reads = new java.util.ArrayList<>();
		for (int i = 0; i < 8; i++) {
			reads.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> get("/v1/batches/" + batch)));
		}
		for (var read : reads) {
			HttpResponse<String> answer = read.join();
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		}
		String output = JSON.readTree(get("/v1/batches/" + batch).body()).path("output_file_id").asString();
		assertThat(get("/v1/files/" + output).statusCode()).isEqualTo(200);
	}

	@Test
	void badRequestsAre400sOr404s() {
		assertThat(post("/v1/batches", "{\"endpoint\":\"/v1/chat/completions\"}").body())
			.contains("\"param\":\"input_file_id\"");
		assertThat(post("/v1/batches", "{\"input_file_id\":\"file-nope\",\"endpoint\":\"/v1/chat/completions\"}")
			.statusCode()).isEqualTo(404);
		assertThat(get("/v1/files/..%2Fetc").statusCode()).isEqualTo(400);
		assertThat(upload("/v1/files?model=claude-direct", LINES.replace("gpt-4o-mini", "claude-direct")).body())
			.contains("has no Files or Batch API");
		HttpResponse<String> noPurpose = send(request("/v1/files").header("Authorization", "Bearer " + MASTER_KEY)
			.header("Content-Type", "multipart/form-data; boundary=b")
			.POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"file\"; "
					+ "filename=\"a.jsonl\"\r\n\r\nx\r\n--b--\r\n"))
			.build());
		assertThat(noPurpose.body()).contains("\"param\":\"purpose\"");
	}

	private OpenAIClient client(String key) {
		return OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey(key).maxRetries(0).build();
	}

	private static MultipartField<InputStream> named(String content, String filename) {
		return MultipartField.<InputStream>builder()
			.value(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))
			.filename(filename)
			.build();
	}

	private HttpResponse<String> upload(String path, String content) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
				+ "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n"
				+ "Content-Type: application/jsonl\r\n\r\n" + content + "\r\n--b--\r\n")
			.getBytes(StandardCharsets.UTF_8));
		return send(request(path).header("Authorization", "Bearer " + MASTER_KEY)
			.header("Content-Type", "multipart/form-data; boundary=b")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build());
	}

}
