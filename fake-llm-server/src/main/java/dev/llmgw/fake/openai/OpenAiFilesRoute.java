package dev.llmgw.fake.openai;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.MultipartBody;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's Files and Batch APIs, in memory, on OpenAI's paths ({@code /v1/files},
 * {@code /v1/batches}) and Azure's ({@code /openai/files?api-version=...}): upload, read,
 * download, delete; a batch runs its input file's chat lines the first time it is read
 * after it was made (answering each with {@code You said: <last user text>}) and is then
 * {@code completed} with an output file; cancelling one that has not run makes it
 * {@code cancelled}. Azure's paths without an api-version are refused as Azure refuses
 * them.
 */
public final class OpenAiFilesRoute implements ProviderRoute {

	private static final Pattern PATH = Pattern
		.compile(".*/(files|batches)(?:/([A-Za-z0-9_.-]+))?(?:/(content|cancel))?$");

	private static final AtomicLong SEQUENCE = new AtomicLong();

	private final Map<String, Map<String, Object>> files = new ConcurrentHashMap<>();

	private final Map<String, byte[]> contents = new ConcurrentHashMap<>();

	private final Map<String, Map<String, Object>> batches = new ConcurrentHashMap<>();

	@Override
	public boolean matches(HttpMethod method, String path) {
		return PATH.matcher(path).matches() && !path.contains("/deployments/");
	}

	@Override
	public Mono<Void> handle(ProviderCall call) {
		if (call.path().startsWith("/openai/") && call.queryParam("api-version") == null) {
			return OpenAiErrors.invalidRequest(call.response(), "Missing required query parameter: api-version",
					"api-version");
		}
		Matcher matcher = PATH.matcher(call.path());
		matcher.matches();
		String collection = matcher.group(1);
		String id = matcher.group(2);
		String action = matcher.group(3);
		HttpMethod method = call.request().method();
		if (collection.equals("files")) {
			if (id == null && HttpMethod.POST.equals(method)) {
				return upload(call);
			}
			if (id == null && HttpMethod.GET.equals(method)) {
				// every file the account keeps, as OpenAI lists them (one page)
				return json(call.response(), Map.of("object", "list", "data",
						new java.util.ArrayList<>(this.files.values()), "has_more", false));
			}
			Map<String, Object> file = (id != null) ? this.files.get(id) : null;
			if (file == null) {
				return notFound(call.response(), "No such File object: " + id);
			}
			if ("content".equals(action)) {
				return Replies.stream(call.response(), "application/octet-stream",
						reactor.core.publisher.Flux.just(this.contents.get(id)));
			}
			if (HttpMethod.DELETE.equals(method)) {
				this.files.remove(id);
				this.contents.remove(id);
				return json(call.response(), Map.of("id", id, "object", "file", "deleted", true));
			}
			return json(call.response(), file);
		}
		if (id == null && HttpMethod.POST.equals(method)) {
			return createBatch(call);
		}
		Map<String, Object> batch = (id != null) ? this.batches.get(id) : null;
		if (batch == null) {
			return notFound(call.response(), "No such Batch object: " + id);
		}
		if ("cancel".equals(action)) {
			if (!"completed".equals(batch.get("status"))) {
				batch.put("status", "cancelled");
			}
			return json(call.response(), batch);
		}
		run(batch);
		return json(call.response(), batch);
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return OpenAiErrors.invalidApiKey(response);
	}

	private Mono<Void> upload(ProviderCall call) {
		String purpose = null;
		String filename = null;
		byte[] content = null;
		for (MultipartBody.Part part : MultipartBody.parse(call.body(),
				call.request().requestHeaders().get(HttpHeaderNames.CONTENT_TYPE))) {
			if ("file".equals(part.name())) {
				content = part.content();
				filename = part.filename();
			}
			else if ("purpose".equals(part.name())) {
				purpose = part.text();
			}
		}
		if (content == null || purpose == null) {
			return OpenAiErrors.invalidRequest(call.response(), "file and purpose are required", "file");
		}
		String id = "file-fake" + SEQUENCE.incrementAndGet();
		this.contents.put(id, content);
		Map<String, Object> file = file(id, content.length, (filename != null) ? filename : "file", purpose);
		this.files.put(id, file);
		return json(call.response(), file);
	}

	private Mono<Void> createBatch(ProviderCall call) {
		JsonNode body;
		try {
			body = Json.read(call.body());
		}
		catch (JacksonException ex) {
			return OpenAiErrors.invalidJson(call.response());
		}
		String input = body.path("input_file_id").asString("");
		if (!this.files.containsKey(input)) {
			return notFound(call.response(), "No such File object: " + input);
		}
		String id = "batch_fake" + SEQUENCE.incrementAndGet();
		Map<String, Object> batch = new LinkedHashMap<>();
		batch.put("id", id);
		batch.put("object", "batch");
		batch.put("endpoint", body.path("endpoint").asString(""));
		batch.put("input_file_id", input);
		batch.put("completion_window", body.path("completion_window").asString("24h"));
		batch.put("status", "validating");
		batch.put("output_file_id", null);
		batch.put("error_file_id", null);
		batch.put("created_at", System.currentTimeMillis() / 1000);
		batch.put("request_counts", Map.of("total", 0, "completed", 0, "failed", 0));
		batch.put("metadata", body.path("metadata").isObject() ? body.get("metadata") : null);
		this.batches.put(id, batch);
		return json(call.response(), batch);
	}

	/** Runs a waiting batch: one chat answer per input line, into an output file. */
	private synchronized void run(Map<String, Object> batch) {
		if (!"validating".equals(batch.get("status"))) {
			return;
		}
		String[] lines = new String(this.contents.get((String) batch.get("input_file_id")), StandardCharsets.UTF_8)
			.split("\n");
		StringBuilder output = new StringBuilder();
		int count = 0;
		for (String line : lines) {
			if (line.isBlank()) {
				continue;
			}
			count++;
			JsonNode request = Json.read(line.getBytes(StandardCharsets.UTF_8));
			String last = "";
			for (JsonNode message : request.path("body").path("messages")) {
				if ("user".equals(message.path("role").asString(""))) {
					last = message.path("content").asString("");
				}
			}
			Map<String, Object> answer = Map.of("id", "batch_req_" + count, "custom_id",
					request.path("custom_id").asString(""), "response",
					Map.of("status_code", 200, "body",
							Map.of("object", "chat.completion", "choices",
									java.util.List.of(Map.of("index", 0, "message",
											Map.of("role", "assistant", "content", "You said: " + last),
											"finish_reason", "stop")))));
			output.append(new String(Json.write((json) -> json.writePOJO(answer)), StandardCharsets.UTF_8))
				.append('\n');
		}
		String outputId = "file-fake" + SEQUENCE.incrementAndGet();
		byte[] bytes = output.toString().getBytes(StandardCharsets.UTF_8);
		this.contents.put(outputId, bytes);
		this.files.put(outputId, file(outputId, bytes.length, "batch_output.jsonl", "batch_output"));
		batch.put("status", "completed");
		batch.put("output_file_id", outputId);
		batch.put("request_counts", Map.of("total", count, "completed", count, "failed", 0));
	}

	private static Map<String, Object> file(String id, int bytes, String filename, String purpose) {
		Map<String, Object> file = new LinkedHashMap<>();
		file.put("id", id);
		file.put("object", "file");
		file.put("bytes", bytes);
		file.put("created_at", System.currentTimeMillis() / 1000);
		file.put("filename", filename);
		file.put("purpose", purpose);
		file.put("status", "processed");
		return file;
	}

	private static Mono<Void> json(HttpServerResponse response, Object body) {
		return Replies.json(response, HttpResponseStatus.OK, Json.write((json) -> json.writePOJO(body)));
	}

	private static Mono<Void> notFound(HttpServerResponse response, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("type", "invalid_request_error");
		error.put("param", "id");
		error.put("code", null);
		return Replies.json(response, HttpResponseStatus.NOT_FOUND,
				Json.write((json) -> json.writePOJO(Map.of("error", error))));
	}

}
