package dev.llmgw.gateway.logging;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.auth.BudgetState;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.engine.CallKind;
import dev.llmgw.gateway.engine.CallRecord;
import dev.llmgw.gateway.engine.RequestTags;
import dev.llmgw.gateway.engine.CallState;
import dev.llmgw.gateway.engine.GuardrailOutcome;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.LitellmExceptionNames;
import dev.llmgw.gateway.logging.StandardLoggingPayload.ErrorInformation;
import dev.llmgw.gateway.logging.StandardLoggingPayload.GuardrailInformation;
import dev.llmgw.gateway.logging.StandardLoggingPayload.HiddenParams;
import dev.llmgw.gateway.logging.StandardLoggingPayload.Metadata;
import dev.llmgw.gateway.logging.StandardLoggingPayload.ModelMapInformation;
import dev.llmgw.gateway.logging.StandardLoggingPayload.StatusFields;
import dev.llmgw.gateway.providers.SseFrames;
import dev.llmgw.gateway.providers.StreamAssembler;
import dev.llmgw.gateway.web.CallContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Builds LiteLLM's {@link StandardLoggingPayload} from a call's record, as LiteLLM fills
 * it: on the listener's thread, never on the response path. Nothing secret goes in: the
 * key's hash only, model parameters from a list of known names (a key sent in the body
 * stays out), and of the caller's {@code x-} headers none that carries a credential.
 */
public final class PayloadBuilder {

	/** LiteLLM's {@code MAX_BASE64_LENGTH_FOR_LOGGING}. */
	private static final int MAX_BASE64_CHARS = 64;

	/**
	 * OpenAI request parameters that go into {@code model_parameters}: LiteLLM logs the
	 * call's optional parameters by their known names, which keeps a body's
	 * {@code api_key} or {@code metadata} out.
	 */
	private static final Set<String> MODEL_PARAMETERS = Set.of("temperature", "top_p", "n", "stream", "stream_options",
			"stop", "max_tokens", "max_completion_tokens", "presence_penalty", "frequency_penalty", "logit_bias",
			"user", "response_format", "seed", "tools", "tool_choice", "parallel_tool_calls", "logprobs",
			"top_logprobs", "reasoning_effort", "modalities", "audio", "prediction", "service_tier", "store",
			"web_search_options", "thinking", "functions", "function_call", "dimensions", "encoding_format", "size",
			"quality", "style", "top_k", "verbosity");

	private final JsonMapper mapper;

	public PayloadBuilder(JsonMapper mapper) {
		this.mapper = mapper;
	}

	public StandardLoggingPayload build(CallRecord record) {
		Map<String, Object> attributes = record.attributes();
		CallState state = CallState.of(attributes);
		CallContext context = CallContext.of(attributes);
		CallerIdentity caller = CallerIdentity.of(attributes);
		LoggedRequest request = LoggedRequest.of(attributes);
		Map<String, @Nullable Object> fields = (state != null) ? state.call().fields() : Map.of();
		Map<?, ?> requestMetadata = (fields.get("metadata") instanceof Map<?, ?> map) ? map : Map.of();
		Throwable failure = (state != null) ? state.failure() : null;
		boolean success = record.success();
		JsonNode sent = parse(record.bodies().request());
		JsonNode answer = success ? parse((record.bodies().response() != null) ? record.bodies().response()
				: assembled(record.bodies().frames(), record)) : null;

		double start = epoch(record.startTime());
		double end = epoch(record.endTime());
		boolean stream = record.stream();
		// LiteLLM's completion start is a stream's first chunk; without a stream, the end
		double firstByte = (stream && record.timings().firstByte() >= 0) ? start + record.timings().firstByte() / 1e9
				: end;
		String responseId = (answer != null && answer.path("id").isString()) ? answer.get("id").asString() : null;
		String id = success && responseId != null ? responseId : record.callId();
		if (success && record.cacheHit() && responseId != null) {
			// Python's str(time.time()): seconds with a fraction, never an exponent
			id = responseId + "_cache_hit" + BigDecimal.valueOf(System.currentTimeMillis(), 3).toPlainString();
		}
		String provider = record.provider();
		String apiBase = apiBase(record.apiBase());
		List<String> guardrailNames = record.guardrails().stream().map(GuardrailOutcome::name).toList();
		Map<String, Object> usage = usage(record);
		String userAgent = record.userAgent();
		BudgetState keyBudget = (caller != null) ? caller.budgets().key() : null;
		Metadata metadata = new Metadata(record.keyHash(), record.keyAlias(),
				(caller != null && record.keyHash() != null) ? caller.keySpend() : null,
				(keyBudget != null) ? keyBudget.maxBudget() : null,
				(keyBudget != null && keyBudget.resetAt() != null) ? keyBudget.resetAt().toString() : null,
				record.teamId(), null, null, record.userId(), record.teamAlias(), record.userEmail(), record.endUser(),
				record.route(), null, fields.get("spend_logs_metadata"), record.clientIp(), userAgent,
				requestMetadata.isEmpty() ? null : requestMetadata,
				(request != null) ? request.customHeaders() : Map.of(), null, null, null, guardrailNames, usage, null,
				record.teamAlias(), record.teamId());
		ErrorInformation error = ErrorInformation.NONE;
		String errorText = null;
		if (!success) {
			errorText = (failure != null && failure.getMessage() != null) ? failure.getMessage()
					: "the response did not complete";
			int status = (failure instanceof GatewayError gatewayError) ? gatewayError.status() : record.status();
			String errorClass = (record.errorClass() != null) ? record.errorClass() : "APIError";
			error = new ErrorInformation(Integer.toString(status), LitellmExceptionNames.of(errorClass, status),
					(provider != null) ? provider : "", "", errorText);
		}
		double overhead = (record.timings().attemptStart() >= 0) ? record.timings().attemptStart() / 1e6 : -1;
		return new StandardLoggingPayload(id, traceId(fields, requestMetadata, record.callId()), record.callId(),
				callType(record), stream ? Boolean.TRUE : null, success ? record.cost() : 0, null, null,
				success ? StandardLoggingPayload.SUCCESS : StandardLoggingPayload.FAILURE,
				new StatusFields(success ? "success" : "failure", guardrailStatus(record.guardrails())), provider,
				record.usage().totalTokens(), record.usage().promptTokens(), record.usage().completionTokens(), start,
				end, firstByte, stream ? firstByte - start : end - start,
				new ModelMapInformation((record.providerModel() != null) ? record.providerModel() : "", null),
				(record.providerModel() != null) ? record.providerModel() : record.model(),
				(record.deploymentId() != null) ? record.deploymentId() : "",
				(record.modelGroup() != null) ? record.modelGroup() : record.model(), apiBase, metadata,
				record.cacheHit(), record.cacheKey(), 0.0, requestTags(fields, userAgent),
				(record.endUser() != null) ? record.endUser() : "", record.clientIp(), userAgent,
				messages(record.kind(), sent), success ? answer : this.mapper.createObjectNode(), errorText, error,
				modelParameters(sent),
				new HiddenParams(record.deploymentId(), record.cacheKey(), apiBase, success ? record.cost() : 0,
						(overhead >= 0) ? overhead : null, null, null, record.providerModel(), usage),
				guardrails(record, context), null);
	}

	static String callType(CallRecord record) {
		return record.litellmCallType();
	}

	private static String traceId(Map<String, @Nullable Object> fields, Map<?, ?> metadata, String callId) {
		for (Object candidate : new Object[] { fields.get("litellm_session_id"), fields.get("litellm_trace_id"),
				metadata.get("session_id"), metadata.get("trace_id") }) {
			if (candidate instanceof String text && !text.isBlank()) {
				return text;
			}
		}
		return callId;
	}

	private static String guardrailStatus(List<GuardrailOutcome> outcomes) {
		return outcomes.isEmpty() ? "not_run" : status(outcomes.get(0));
	}

	private static String status(GuardrailOutcome outcome) {
		return switch (outcome.verdict()) {
			case "blocked", "masked" -> "guardrail_intervened";
			case "failed", "failed_open" -> "guardrail_failed_to_respond";
			default -> "success";
		};
	}

	private static @Nullable List<GuardrailInformation> guardrails(CallRecord record, @Nullable CallContext context) {
		if (record.guardrails().isEmpty()) {
			return null;
		}
		double start = epoch(record.startTime());
		List<GuardrailInformation> list = new ArrayList<>();
		for (GuardrailOutcome outcome : record.guardrails()) {
			double end = (context != null) ? start + (outcome.endNanos() - context.startNanos()) / 1e9
					: epoch(record.endTime());
			double duration = outcome.millis() / 1000.0;
			list.add(new GuardrailInformation(outcome.name(), outcome.mode(), status(outcome), end - duration, end,
					duration, outcome.verdict()));
		}
		return list;
	}

	private static String apiBase(@Nullable String apiBase) {
		if (apiBase == null) {
			return "";
		}
		String base = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
		// an endpoint that carries a key in its query (Gemini's ?key=) keeps only its
		// last four characters, as LiteLLM masks it
		int key = base.indexOf("key=");
		if (key >= 0) {
			String secret = base.substring(key + 4);
			int stop = secret.indexOf('&');
			String value = (stop >= 0) ? secret.substring(0, stop) : secret;
			String shown = (value.length() > 4) ? value.substring(value.length() - 4) : "";
			base = base.substring(0, key + 4) + "*****" + shown + ((stop >= 0) ? secret.substring(stop) : "");
		}
		return base;
	}

	private static Map<String, Object> usage(CallRecord record) {
		Map<String, Object> usage = new LinkedHashMap<>();
		usage.put("completion_tokens", record.usage().completionTokens());
		usage.put("prompt_tokens", record.usage().promptTokens());
		usage.put("total_tokens", record.usage().totalTokens());
		record.usage().extra().forEach((name, value) -> {
			if (value != null) {
				usage.put(name, value);
			}
		});
		return usage;
	}

	/**
	 * The request's {@code tags} and {@code metadata.tags}, then its {@code User-Agent}
	 * twice (the product, then whole), as LiteLLM tags proxy requests.
	 */
	private static List<String> requestTags(Map<String, @Nullable Object> fields, @Nullable String userAgent) {
		List<String> tags = new ArrayList<>(RequestTags.of(fields));
		if (userAgent != null && !userAgent.isBlank()) {
			int slash = userAgent.indexOf('/');
			tags.add("User-Agent: " + ((slash > 0) ? userAgent.substring(0, slash) : userAgent));
			tags.add("User-Agent: " + userAgent);
		}
		return tags;
	}

	/**
	 * The prompt as LiteLLM logs it: a chat's messages, an embedding's input, an image's
	 * prompt as one user message; long base64 data (images, files) cut to its size.
	 */
	private @Nullable JsonNode messages(CallKind kind, @Nullable JsonNode sent) {
		if (sent == null) {
			return null;
		}
		if (sent.isString()) {
			// the request passed the record's bound and is no longer JSON: its text, cut
			return sent;
		}
		JsonNode messages = switch (kind) {
			case CHAT -> sent.get("messages");
			case EMBEDDING -> sent.get("input");
			case IMAGE -> sent.path("prompt").isString() ? userMessage(sent.get("prompt").asString()) : null;
			case RERANK -> sent.path("query").isString() ? userMessage(sent.get("query").asString()) : null;
			case MODERATION -> sent.get("input");
			case SPEECH -> sent.path("input").isString() ? userMessage(sent.get("input").asString()) : null;
			case TRANSCRIPTION -> sent.path("prompt").isString() ? userMessage(sent.get("prompt").asString()) : null;
			case FILE, BATCH -> null;
		};
		return (messages != null) ? withoutBase64(messages) : null;
	}

	private JsonNode userMessage(String text) {
		ArrayNode list = this.mapper.createArrayNode();
		list.addObject().put("role", "user").put("content", text);
		return list;
	}

	private static JsonNode withoutBase64(JsonNode node) {
		if (node.isString()) {
			String text = node.asString();
			int marker = text.startsWith("data:") ? text.indexOf(";base64,") : -1;
			if (marker > 0 && text.length() - marker - 8 > MAX_BASE64_CHARS) {
				return StringNode.valueOf(text.substring(0, marker + 8) + "[base64_data truncated: "
						+ size((text.length() - marker - 8) * 3L / 4) + "]");
			}
			return node;
		}
		if (node instanceof ObjectNode object) {
			object.properties().forEach((entry) -> entry.setValue(withoutBase64(entry.getValue())));
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				array.set(i, withoutBase64(array.get(i)));
			}
		}
		return node;
	}

	/** LiteLLM's size format: bytes, KB with one decimal, MB with two (1024-based). */
	static String size(long bytes) {
		if (bytes < 1024) {
			return bytes + "B";
		}
		if (bytes < 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1fKB", bytes / 1024.0);
		}
		return String.format(Locale.ROOT, "%.2fMB", bytes / (1024.0 * 1024.0));
	}

	private static Map<String, Object> modelParameters(@Nullable JsonNode sent) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		if (sent instanceof ObjectNode object) {
			object.properties().forEach((entry) -> {
				if (MODEL_PARAMETERS.contains(entry.getKey()) && !entry.getValue().isNull()) {
					parameters.put(entry.getKey(), entry.getValue());
				}
			});
		}
		return parameters;
	}

	/**
	 * A body as JSON; a body cut at the record's bound is no longer JSON and is logged as
	 * its text.
	 */
	private @Nullable JsonNode parse(@Nullable String body) {
		if (body == null) {
			return null;
		}
		try {
			return this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			return StringNode.valueOf(body);
		}
	}

	/**
	 * A stream's answer put back together as the chat completion it streamed, as LiteLLM
	 * logs one; null when its frames were not an OpenAI stream that ended (an Anthropic
	 * stream, one cut short or past the kept bound).
	 */
	private @Nullable String assembled(List<byte[]> frames, CallRecord record) {
		if (frames.isEmpty()) {
			return null;
		}
		if (frames.get(0).length > 0 && frames.get(0)[0] == 'e') {
			// a provider's own Responses API stream (named events): its closing event
			// carries the whole response, logged as LiteLLM logs a Responses call
			for (int i = frames.size() - 1; i >= 0; i--) {
				JsonNode event = parse(SseFrames.eventPayload(frames.get(i)));
				if (event != null && event.path("response").isObject()) {
					return event.get("response").toString();
				}
			}
			return null;
		}
		StreamAssembler assembler = new StreamAssembler(this.mapper);
		frames.forEach(assembler::accept);
		return assembler.completion(record.usage());
	}

	static double epoch(OffsetDateTime time) {
		return time.toEpochSecond() + time.getNano() / 1_000_000_000.0;
	}

}
