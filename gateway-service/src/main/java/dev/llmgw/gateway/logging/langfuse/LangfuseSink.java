package dev.llmgw.gateway.logging.langfuse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.llmgw.gateway.logging.CallbackSettings;
import dev.llmgw.gateway.logging.CollectorHttp;
import dev.llmgw.gateway.logging.LogEntry;
import dev.llmgw.gateway.logging.LogSink;
import dev.llmgw.gateway.logging.StandardLoggingPayload;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends each call to Langfuse as a {@code trace-create} and a {@code generation-create}
 * event, in one batch ingestion request ({@code POST /api/public/ingestion}, Basic auth
 * with the project's public and secret keys). Langfuse answers 207 with each event's
 * status: events it refused as malformed are counted as refused, never sent again.
 */
final class LangfuseSink implements LogSink {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH-mm-ss-SSSSSS")
		.withZone(ZoneOffset.UTC);

	private final URI ingestion;

	private final Map<String, String> headers;

	private final String publicKey;

	private final @Nullable String release;

	private final boolean redactKeyInfo;

	private final Batching batching;

	private final JsonMapper mapper;

	private final CollectorHttp http = new CollectorHttp();

	LangfuseSink(URI host, String publicKey, String secretKey, @Nullable String release, boolean redactKeyInfo,
			Batching batching, JsonMapper mapper) {
		this.ingestion = CallbackSettings.resolve(host, "/api/public/ingestion");
		this.headers = Map.of("Authorization",
				"Basic " + Base64.getEncoder()
					.encodeToString((publicKey + ":" + secretKey).getBytes(StandardCharsets.UTF_8)),
				"x_langfuse_sdk_name", "llm-gateway", "x_langfuse_public_key", publicKey);
		this.publicKey = publicKey;
		this.release = release;
		this.redactKeyInfo = redactKeyInfo;
		this.batching = batching;
		this.mapper = mapper;
	}

	@Override
	public String name() {
		return "langfuse";
	}

	@Override
	public Batching batching() {
		return this.batching;
	}

	@Override
	public Sent send(List<LogEntry> batch) {
		ObjectNode body = this.mapper.createObjectNode();
		ArrayNode events = body.putArray("batch");
		Map<String, LogEntry> byEvent = new LinkedHashMap<>();
		String now = Instant.now().toString();
		for (LogEntry entry : batch) {
			for (ObjectNode event : events(entry.payload(this.mapper), now)) {
				events.add(event);
				byEvent.put(event.get("id").asString(), entry);
			}
		}
		ObjectNode metadata = body.putObject("metadata");
		metadata.put("batch_size", events.size());
		metadata.put("sdk_integration", "litellm");
		metadata.put("sdk_name", "llm-gateway");
		metadata.put("public_key", this.publicKey);
		CollectorHttp.Answer answer;
		try {
			answer = this.http.post(this.ingestion, this.headers, this.mapper.writeValueAsBytes(body));
		}
		catch (java.io.IOException ex) {
			return Sent.retry(batch, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		if (answer.status() != 207) {
			return answer.judge(batch);
		}
		return multiStatus(answer.body(), byEvent, batch);
	}

	/**
	 * A 207's errors: the entries with an event Langfuse refused for good (4xx) are
	 * refused, those with one it could not take (5xx) are sent again, whole.
	 */
	private Sent multiStatus(String answer, Map<String, LogEntry> byEvent, List<LogEntry> batch) {
		JsonNode errors;
		try {
			errors = this.mapper.readTree(answer).path("errors");
		}
		catch (JacksonException ex) {
			return Sent.ALL;
		}
		if (!errors.isArray() || errors.isEmpty()) {
			return Sent.ALL;
		}
		Set<LogEntry> retry = new HashSet<>();
		Set<LogEntry> refused = new HashSet<>();
		String error = null;
		for (JsonNode failed : errors) {
			LogEntry entry = byEvent.get(failed.path("id").asString(""));
			if (entry == null) {
				continue;
			}
			int status = failed.path("status").asInt(500);
			error = "event refused with " + status + ": " + failed.path("message").asString("");
			((status >= 500 || status == 429) ? retry : refused).add(entry);
		}
		refused.removeAll(retry);
		List<LogEntry> again = new ArrayList<>();
		for (LogEntry entry : batch) {
			if (retry.contains(entry)) {
				again.add(entry);
			}
		}
		return (error == null) ? Sent.ALL : new Sent(again, refused.size(), error);
	}

	/**
	 * The trace and the generation of one call, as LiteLLM's Langfuse logger makes them.
	 */
	List<ObjectNode> events(StandardLoggingPayload payload, String now) {
		Map<?, ?> requested = (payload.metadata().requesterMetadata() instanceof Map<?, ?> map) ? map : Map.of();
		String traceId = CallbackSettings.text(requested.get("trace_id"), payload.litellmCallId());
		boolean success = payload.success();

		ObjectNode trace = this.mapper.createObjectNode();
		trace.put("id", traceId);
		trace.put("timestamp", iso(payload.startTime()));
		trace.put("name", CallbackSettings.text(requested.get("trace_name"), "litellm-" + payload.callType()));
		String session = CallbackSettings.text(requested.get("session_id"), null);
		if (session != null) {
			trace.put("sessionId", session);
		}
		String user = CallbackSettings.text(requested.get("trace_user_id"), payload.metadata().userApiKeyEndUserId());
		if (user != null) {
			trace.put("userId", user);
		}
		String version = CallbackSettings.text(requested.get("trace_version"),
				CallbackSettings.text(requested.get("version"), null));
		if (version != null) {
			trace.put("version", version);
		}
		if (this.release != null) {
			trace.put("release", this.release);
		}
		ObjectNode input = input(payload);
		trace.set("input", input);
		if (success) {
			trace.set("output", output(payload));
		}
		ArrayNode tags = trace.putArray("tags");
		payload.requestTags().forEach(tags::add);

		ObjectNode generation = this.mapper.createObjectNode();
		String generationId = CallbackSettings.text(requested.get("generation_id"), null);
		if (generationId == null) {
			// the same id on a retry, so a batch Langfuse took but did not answer makes
			// no
			// second generation
			generationId = "time-" + TIME.format(StandardLoggingPayload.instant(payload.startTime())) + "_"
					+ (success ? payload.id() : payload.litellmCallId());
		}
		generation.put("id", generationId);
		generation.put("traceId", traceId);
		// redacted, the key's alias stays out of the name too, as LiteLLM names it after
		// redacting
		String alias = this.redactKeyInfo ? null : payload.metadata().userApiKeyAlias();
		generation.put("name", CallbackSettings.text(requested.get("generation_name"),
				(alias != null) ? "litellm:" + alias : "litellm-" + payload.callType()));
		generation.put("startTime", iso(payload.startTime()));
		generation.put("endTime", iso(payload.endTime()));
		generation.put("completionStartTime", iso(payload.completionStartTime()));
		generation.put("model", payload.model());
		ObjectNode parameters = generation.putObject("modelParameters");
		payload.modelParameters().forEach((name, value) -> {
			if (!name.equals("tools") && !name.equals("functions")) {
				JsonNode node = this.mapper.valueToTree(value);
				if (node.isValueNode()) {
					parameters.set(name, node);
				}
				else {
					parameters.put(name, node.toString());
				}
			}
		});
		generation.set("input", input);
		if (success) {
			generation.set("output", output(payload));
		}
		ObjectNode usage = generation.putObject("usage");
		usage.put("input", payload.promptTokens());
		usage.put("output", payload.completionTokens());
		usage.put("total", payload.totalTokens());
		usage.put("unit", "TOKENS");
		usage.put("totalCost", payload.responseCost());
		ObjectNode details = generation.putObject("usageDetails");
		details.put("input", payload.promptTokens());
		details.put("output", payload.completionTokens());
		details.put("total", payload.totalTokens());
		generation.putObject("costDetails").put("total", payload.responseCost());
		generation.set("metadata", metadata(payload));
		generation.put("level", success ? "DEFAULT" : "ERROR");
		if (!success && payload.errorStr() != null) {
			generation.put("statusMessage", payload.errorStr());
			trace.put("statusMessage", payload.errorStr());
		}
		if (version != null) {
			generation.put("version", version);
		}
		return List.of(event("trace-create", now, trace), event("generation-create", now, generation));
	}

	private ObjectNode event(String type, String now, ObjectNode body) {
		ObjectNode event = this.mapper.createObjectNode();
		event.put("id", UUID.randomUUID().toString());
		event.put("timestamp", now);
		event.put("type", type);
		event.set("body", body);
		return event;
	}

	private ObjectNode input(StandardLoggingPayload payload) {
		ObjectNode input = this.mapper.createObjectNode();
		input.set("messages", payload.messages());
		Object tools = payload.modelParameters().get("tools");
		if (tools != null) {
			input.set("tools", this.mapper.valueToTree(tools));
		}
		return input;
	}

	/** A chat's first message, else the whole answer. */
	private @Nullable JsonNode output(StandardLoggingPayload payload) {
		JsonNode response = payload.response();
		if (response == null) {
			return null;
		}
		JsonNode message = response.path("choices").path(0).path("message");
		if (message.isObject()) {
			return message;
		}
		if (response.path("data").isArray() && "aembedding".equals(payload.callType())) {
			return null;
		}
		return response;
	}

	private ObjectNode metadata(StandardLoggingPayload payload) {
		ObjectNode metadata = this.mapper.valueToTree(payload.metadata());
		if (this.redactKeyInfo) {
			List<String> names = new ArrayList<>(metadata.propertyNames());
			names.stream().filter((name) -> name.startsWith("user_api_key")).forEach(metadata::remove);
		}
		metadata.put("litellm_response_cost", payload.responseCost());
		metadata.set("hidden_params", this.mapper.valueToTree(payload.hiddenParams()));
		metadata.put("api_base", payload.apiBase());
		if (payload.cacheHit() != null) {
			metadata.put("cache_hit", payload.cacheHit());
		}
		return metadata;
	}

	private static String iso(double epochSeconds) {
		return StandardLoggingPayload.instant(epochSeconds).toString();
	}

}
