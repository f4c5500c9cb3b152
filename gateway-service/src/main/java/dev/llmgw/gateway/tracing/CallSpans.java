package dev.llmgw.gateway.tracing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.llmgw.gateway.engine.CallKind;
import dev.llmgw.gateway.engine.CallListener;
import dev.llmgw.gateway.engine.CallRecord;
import dev.llmgw.gateway.engine.GuardrailOutcome;
import dev.llmgw.gateway.error.LitellmExceptionNames;
import dev.llmgw.gateway.logs.LogValues;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.routing.AttemptLog;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finishes a model call's server span from its record, off the event loops (a listener
 * with its own queue): LiteLLM's attributes ({@code gen_ai.system}, {@code metadata.*},
 * {@code llm.*}) and the GenAI conventions' ({@code gen_ai.operation.name},
 * {@code gen_ai.provider.name}, usage, {@code error.type}); then a client span per
 * provider attempt ({@code {operation} {model}}) and an internal span per guardrail, each
 * placed where it happened. Prompt and answer text are attributes only when
 * {@code OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT} is true.
 */
final class CallSpans implements CallListener {

	private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");

	private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");

	private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");

	private static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");

	private static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");

	private static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");

	private static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");

	private static final AttributeKey<Long> TOTAL_TOKENS = AttributeKey.longKey("gen_ai.usage.total_tokens");

	private static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("gen_ai.request.stream");

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

	private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");

	private static final AttributeKey<String> REQUEST_TYPE = AttributeKey.stringKey("llm.request.type");

	private static final AttributeKey<String> IS_STREAMING = AttributeKey.stringKey("llm.is_streaming");

	private static final AttributeKey<String> USER = AttributeKey.stringKey("llm.user");

	private static final AttributeKey<Double> COST = AttributeKey.doubleKey("gen_ai.cost.total_cost");

	private static final AttributeKey<Boolean> CACHE_HIT = AttributeKey.booleanKey("litellm.cache_hit");

	private static final AttributeKey<String> MODEL_GROUP = AttributeKey.stringKey("litellm.model_group");

	private static final AttributeKey<String> MODEL_ID = AttributeKey.stringKey("litellm.model_id");

	private static final AttributeKey<Boolean> FALLBACK = AttributeKey.booleanKey("litellm.fallback");

	private static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");

	private static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");

	private static final AttributeKey<String> GUARDRAIL_NAME = AttributeKey.stringKey("guardrail.name");

	private static final AttributeKey<String> GUARDRAIL_MODE = AttributeKey.stringKey("guardrail.mode");

	private static final AttributeKey<String> GUARDRAIL_VERDICT = AttributeKey.stringKey("guardrail.verdict");

	/**
	 * The GenAI conventions' provider names, where they differ from LiteLLM's prefixes.
	 */
	private static final Map<String, String> PROVIDERS = Map.of("bedrock", "aws.bedrock", "gemini", "gcp.gemini",
			"vertex_ai", "gcp.vertex_ai", "azure", "azure.ai.openai", "mistral", "mistral_ai", "xai", "x_ai");

	private final Tracer tracer;

	private final boolean content;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * @param tracer makes the child spans
	 * @param content whether prompt and answer text go on the span
	 */
	CallSpans(Tracer tracer, boolean content) {
		this.tracer = tracer;
		this.content = content;
	}

	@Override
	public String name() {
		return "otel";
	}

	@Override
	public boolean wantsBodies() {
		return this.content;
	}

	@Override
	public void onCallEnd(CallRecord record) {
		CallSpan call = CallSpan.of(record.attributes());
		if (call == null) {
			return;
		}
		Span span = call.span();
		String operation = operation(record.kind());
		span.setAttribute(OPERATION, operation);
		span.setAttribute(REQUEST_MODEL, record.model());
		span.setAttribute(REQUEST_TYPE, record.litellmCallType());
		span.setAttribute(IS_STREAMING, record.stream() ? "True" : "False");
		span.setAttribute(STREAM, record.stream());
		span.setAttribute(STATUS, record.status());
		span.setAttribute(CACHE_HIT, record.cacheHit());
		span.setAttribute(COST, record.cost());
		set(span, USER, record.endUser());
		set(span, MODEL_GROUP, record.modelGroup());
		set(span, MODEL_ID, record.deploymentId());
		if (record.provider() != null) {
			span.setAttribute(SYSTEM, record.provider());
			span.setAttribute(PROVIDER, providerName(record.provider()));
		}
		set(span, RESPONSE_MODEL, record.providerModel());
		usage(span, record);
		metadata(span, record);
		if (this.content) {
			set(span, INPUT_MESSAGES, part(record.bodies().request(), "messages", "input", "prompt"));
			set(span, OUTPUT_MESSAGES, part(record.bodies().response(), "choices", "data"));
		}
		if (!record.success()) {
			span.setStatus(StatusCode.ERROR);
			span.setAttribute(ERROR_TYPE, (record.errorClass() != null)
					? LitellmExceptionNames.of(record.errorClass(), record.status()) : "incomplete_response");
		}
		stage(call, "admission", record.timings().admissionStart(), record.timings().admissionEnd(), null);
		stage(call, "cache", record.timings().cacheStart(), record.timings().cacheEnd(), record.cacheHit());
		attempts(call, record, operation);
		for (GuardrailOutcome outcome : record.guardrails()) {
			guardrail(call, outcome);
		}
		span.end(call.epochAtOffset(record.timings().end()), TimeUnit.NANOSECONDS);
	}

	/**
	 * A client span per provider attempt: each failed one from routing's log, and the one
	 * that answered from the record's timings.
	 */
	private void attempts(CallSpan call, CallRecord record, String operation) {
		AttemptLog log = AttemptLog.of(record.attributes());
		List<AttemptLog.Failure> failures = (log != null) ? log.failures() : List.of();
		for (AttemptLog.Failure failure : failures) {
			Deployment deployment = failure.deployment();
			Span attempt = child(call, operation + " " + deployment.providerModel(), SpanKind.CLIENT,
					call.epochOf(failure.startNanos()))
				.setAttribute(OPERATION, operation)
				.setAttribute(PROVIDER, providerName(deployment.provider().name()))
				.setAttribute(REQUEST_MODEL, deployment.providerModel())
				.setAttribute(MODEL_GROUP, failure.group())
				.setAttribute(MODEL_ID, deployment.id())
				.setAttribute(FALLBACK, failure.fallback())
				.setAttribute(STATUS, (long) failure.status())
				.setAttribute(ERROR_TYPE, LitellmExceptionNames.of(failure.errorClass(), failure.status()))
				.startSpan();
			set(attempt, SERVER_ADDRESS, host(deployment.apiBase()));
			attempt.setStatus(StatusCode.ERROR);
			attempt.end(call.epochOf(failure.endNanos()), TimeUnit.NANOSECONDS);
		}
		long started = record.timings().attemptStart();
		if (started < 0 || record.cacheHit() || record.providerModel() == null || record.provider() == null) {
			return;
		}
		// the last attempt is in the log already when it failed with an error
		if (!failures.isEmpty() && failures.get(failures.size() - 1).startNanos() >= call.arrivalNanos() + started) {
			return;
		}
		Span attempt = child(call, operation + " " + record.providerModel(), SpanKind.CLIENT,
				call.epochAtOffset(started))
			.setAttribute(OPERATION, operation)
			.setAttribute(PROVIDER, providerName(record.provider()))
			.setAttribute(REQUEST_MODEL, record.providerModel())
			.setAttribute(RESPONSE_MODEL, record.providerModel())
			.setAttribute(STREAM, record.stream())
			.startSpan();
		set(attempt, MODEL_GROUP, record.modelGroup());
		set(attempt, MODEL_ID, record.deploymentId());
		set(attempt, SERVER_ADDRESS, host(record.apiBase()));
		usage(attempt, record);
		if (!record.success()) {
			attempt.setStatus(StatusCode.ERROR);
		}
		attempt.end(call.epochAtOffset(record.timings().end()), TimeUnit.NANOSECONDS);
	}

	/**
	 * An internal span for a stage of the call that ran (admission: access, rate limits
	 * and budgets; the cache lookup, with whether it answered).
	 */
	private void stage(CallSpan call, String name, long start, long end, @Nullable Boolean hit) {
		if (start < 0 || end < start) {
			return;
		}
		Span span = child(call, name, SpanKind.INTERNAL, call.epochAtOffset(start)).startSpan();
		if (hit != null) {
			span.setAttribute(CACHE_HIT, hit);
		}
		span.end(call.epochAtOffset(end), TimeUnit.NANOSECONDS);
	}

	private void guardrail(CallSpan call, GuardrailOutcome outcome) {
		long end = call.epochOf(outcome.endNanos());
		Span span = child(call, "guardrail", SpanKind.INTERNAL, end - TimeUnit.MILLISECONDS.toNanos(outcome.millis()))
			.setAttribute(GUARDRAIL_NAME, outcome.name())
			.setAttribute(GUARDRAIL_MODE, outcome.mode())
			.setAttribute(GUARDRAIL_VERDICT, outcome.verdict())
			.startSpan();
		if ("blocked".equals(outcome.verdict()) || outcome.verdict().startsWith("failed")) {
			span.setStatus(StatusCode.ERROR);
		}
		span.end(end, TimeUnit.NANOSECONDS);
	}

	/**
	 * The conversation part of a body (its messages, or choices), secrets masked: never
	 * the rest of the request, whose extra fields can hold keys and metadata.
	 */
	private @Nullable String part(@Nullable String body, String... fields) {
		if (body == null) {
			return null;
		}
		try {
			JsonNode json = this.json.readTree(body);
			for (String field : fields) {
				if (json.has(field)) {
					return LogValues.maskSecrets(this.json.writeValueAsString(json.get(field)));
				}
			}
			return null;
		}
		catch (JacksonException ex) {
			// cut at 64 KiB, a body may not parse; then it is left out
			return null;
		}
	}

	private SpanBuilder child(CallSpan call, String name, SpanKind kind, long startEpochNanos) {
		return this.tracer.spanBuilder(name)
			.setParent(Context.root().with(call.span()))
			.setSpanKind(kind)
			.setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS);
	}

	private static void usage(Span span, CallRecord record) {
		long input = record.usage().promptTokens();
		long output = record.usage().completionTokens();
		if (input + output > 0) {
			span.setAttribute(INPUT_TOKENS, input);
			span.setAttribute(OUTPUT_TOKENS, output);
			span.setAttribute(TOTAL_TOKENS, input + output);
		}
	}

	/**
	 * LiteLLM's {@code metadata.*} attributes of the caller (hashed key, never the key).
	 */
	private static void metadata(Span span, CallRecord record) {
		set(span, AttributeKey.stringKey("metadata.user_api_key_hash"), record.keyHash());
		set(span, AttributeKey.stringKey("metadata.user_api_key_alias"), record.keyAlias());
		set(span, AttributeKey.stringKey("metadata.user_api_key_team_id"), record.teamId());
		set(span, AttributeKey.stringKey("metadata.user_api_key_team_alias"), record.teamAlias());
		set(span, AttributeKey.stringKey("metadata.user_api_key_user_id"), record.userId());
		set(span, AttributeKey.stringKey("metadata.user_api_key_end_user_id"), record.endUser());
	}

	private static void set(Span span, AttributeKey<String> key, @Nullable String value) {
		if (value != null) {
			span.setAttribute(key, value);
		}
	}

	static String operation(CallKind kind) {
		return switch (kind) {
			case CHAT -> "chat";
			case EMBEDDING -> "embeddings";
			case IMAGE -> "image_generation";
			case RERANK -> "rerank";
			case MODERATION -> "moderation";
			case SPEECH -> "speech";
			case TRANSCRIPTION -> "transcription";
			case FILE -> "create_file";
			case BATCH -> "create_batch";
		};
	}

	static String providerName(String provider) {
		return PROVIDERS.getOrDefault(provider, provider);
	}

	private static @Nullable String host(@Nullable String apiBase) {
		if (apiBase == null) {
			return null;
		}
		try {
			return java.net.URI.create(apiBase).getHost();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
