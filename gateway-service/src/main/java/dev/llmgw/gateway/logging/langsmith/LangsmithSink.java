package dev.llmgw.gateway.logging.langsmith;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.llmgw.gateway.logging.CallbackSettings;
import dev.llmgw.gateway.logging.CollectorHttp;
import dev.llmgw.gateway.logging.LogEntry;
import dev.llmgw.gateway.logging.LogSink;
import dev.llmgw.gateway.logging.StandardLoggingPayload;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends each call to LangSmith as one {@code llm} run, a batch per request
 * ({@code POST /api/v1/runs/batch} with {@code {"post": [...]}} and the API key in
 * {@code x-api-key}), filled as LiteLLM's LangSmith logger fills it: the whole standard
 * logging payload as the run's inputs, the answer as its outputs.
 */
final class LangsmithSink implements LogSink {

	private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final URI runs;

	private final Map<String, String> headers;

	private final String project;

	private final String runName;

	private final Batching batching;

	private final JsonMapper mapper;

	private final CollectorHttp http = new CollectorHttp();

	LangsmithSink(URI base, String apiKey, @Nullable String tenant, String project, String runName, Batching batching,
			JsonMapper mapper) {
		String root = CallbackSettings.resolve(base, "").toString();
		this.runs = CallbackSettings.resolve(base, (root.endsWith("/api/v1") ? "" : "/api/v1") + "/runs/batch");
		Map<String, String> headers = new HashMap<>();
		headers.put("x-api-key", apiKey);
		if (tenant != null) {
			headers.put("x-tenant-id", tenant);
		}
		this.headers = Map.copyOf(headers);
		this.project = project;
		this.runName = runName;
		this.batching = batching;
		this.mapper = mapper;
	}

	@Override
	public String name() {
		return "langsmith";
	}

	@Override
	public Batching batching() {
		return this.batching;
	}

	@Override
	public Sent send(List<LogEntry> batch) {
		ObjectNode body = this.mapper.createObjectNode();
		ArrayNode post = body.putArray("post");
		for (LogEntry entry : batch) {
			post.add(run(entry.payload(this.mapper)));
		}
		return this.http.send(this.runs, this.headers, this.mapper.writeValueAsBytes(body), batch);
	}

	private static boolean uuid(@Nullable String value) {
		if (value == null || value.length() != 36) {
			return false;
		}
		try {
			UUID.fromString(value);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	ObjectNode run(StandardLoggingPayload payload) {
		Map<?, ?> requested = (payload.metadata().requesterMetadata() instanceof Map<?, ?> map) ? map : Map.of();
		// LangSmith refuses a run whose id is not a UUID, and with it the whole batch: a
		// caller's id is used only when it is one, else the call id, so a retry after a
		// lost answer makes no second run
		String given = CallbackSettings.text(requested.get("run_id"), CallbackSettings.text(requested.get("id"), null));
		String id = uuid(given) ? given : uuid(payload.litellmCallId()) ? payload.litellmCallId()
				: UUID.nameUUIDFromBytes(payload.litellmCallId().getBytes(StandardCharsets.UTF_8)).toString();
		ObjectNode run = this.mapper.createObjectNode();
		run.put("name", CallbackSettings.text(requested.get("run_name"), this.runName));
		run.put("run_type", "llm");
		run.set("inputs", this.mapper.valueToTree(payload));
		ObjectNode outputs = run.putObject("outputs");
		if (payload.response() != null && payload.response().isObject()) {
			outputs.setAll((ObjectNode) payload.response());
		}
		run.put("session_name", CallbackSettings.text(requested.get("project_name"), this.project));
		run.put("start_time", payload.startTime());
		run.put("end_time", payload.endTime());
		ArrayNode tags = run.putArray("tags");
		payload.requestTags().forEach(tags::add);
		run.set("extra", this.mapper.valueToTree(payload.metadata()));
		if (!payload.success()) {
			run.put("error", payload.errorStr());
		}
		run.put("id", id);
		String parent = CallbackSettings.text(requested.get("parent_run_id"), null);
		if (uuid(parent)) {
			run.put("parent_run_id", parent);
		}
		String trace = CallbackSettings.text(requested.get("trace_id"), null);
		run.put("trace_id", uuid(trace) ? trace : id);
		run.put("dotted_order", DOTTED.format(StandardLoggingPayload.instant(payload.startTime())) + id);
		return run;
	}

}
