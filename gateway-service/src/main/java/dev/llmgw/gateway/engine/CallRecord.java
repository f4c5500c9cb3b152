package dev.llmgw.gateway.engine;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;

/**
 * Everything known about one model call once it has ended, built once and handed to every
 * {@link CallListener}: spend, budgets, rate limits, and later metrics, tracing and
 * logging callbacks all read the same facts.
 *
 * @param callId the call's id ({@code x-litellm-call-id})
 * @param kind what was asked of the provider
 * @param keyHash the caller's key, hashed; null for the master key or no key
 * @param keyAlias the caller's {@code key_alias}, when its key has one
 * @param userId the key's user
 * @param teamId the key's team
 * @param endUser who the call was for
 * @param model the model group asked for
 * @param modelGroup the group that answered (another one after a fallback)
 * @param deploymentId the deployment that answered or was tried last; null when none was
 * chosen
 * @param providerModel the provider's name of the model
 * @param provider the provider family
 * @param apiBase the deployment's endpoint
 * @param startTime when the request arrived
 * @param firstByteMillis from arrival to the first byte of the answer; -1 when none came
 * @param endTime when the response ended
 * @param durationMillis from arrival to the end of the response
 * @param usage the tokens counted
 * @param cost what the call cost in dollars: what was answered, even when the call then
 * failed (a stream cut short, an answer a guardrail refused); 0 when nothing was
 * @param cacheHit whether the answer came from the response cache
 * @param cacheKey the call's cache key, null when the cache did not key it
 * @param guardrails what each guardrail decided, in order
 * @param status the HTTP status sent
 * @param success whether the call answered (status below 400, the response completed)
 * @param errorClass the failure's type when the call failed
 * @param bodies the request and the answer, when a listener asked for them
 * @param attributes the request's attributes when it ended: each feature reads what it
 * held for the call (its reservations) through its own key, and only that
 * @param teamAlias the key's team's alias
 * @param userEmail the key's user's email
 * @param route the request's path
 * @param clientIp the address the request came from
 * @param userAgent the caller's {@code User-Agent}
 * @param timings the call's times, in nanoseconds, for latency histograms
 * @param stream whether the provider was asked for a stream
 */
public record CallRecord(String callId, CallKind kind, @Nullable String keyHash, @Nullable String keyAlias,
		@Nullable String userId, @Nullable String teamId, @Nullable String endUser, String model,
		@Nullable String modelGroup, @Nullable String deploymentId, @Nullable String providerModel,
		@Nullable String provider, @Nullable String apiBase, OffsetDateTime startTime, long firstByteMillis,
		OffsetDateTime endTime, long durationMillis, Usage usage, double cost, boolean cacheHit,
		@Nullable String cacheKey, List<GuardrailOutcome> guardrails, int status, boolean success,
		@Nullable String errorClass, Bodies bodies, Map<String, Object> attributes, @Nullable String teamAlias,
		@Nullable String userEmail, String route, @Nullable String clientIp, @Nullable String userAgent,
		Timings timings, boolean stream) {

	/**
	 * When the parts of a call happened, in nanoseconds from its arrival.
	 *
	 * @param end when the response ended
	 * @param attemptStart when the provider attempt that answered (or was tried last)
	 * started; -1 when no provider was called
	 * @param firstByte when the first byte of the answer went out; -1 when none did
	 * @param admissionStart when admission (access, limits, budgets) started; -1 when it
	 * did not run
	 * @param admissionEnd when it ended
	 * @param cacheStart when the cache lookup started; -1 when the cache was not asked
	 * @param cacheEnd when it answered
	 */
	public record Timings(long end, long attemptStart, long firstByte, long admissionStart, long admissionEnd,
			long cacheStart, long cacheEnd) {

		public Timings(long end, long attemptStart, long firstByte) {
			this(end, attemptStart, firstByte, -1, -1, -1, -1);
		}

		/** Seconds from the provider attempt's start to the end; -1 without one. */
		public double providerSeconds() {
			return (this.attemptStart < 0) ? -1 : (this.end - this.attemptStart) / 1e9;
		}

		/** Seconds from the provider attempt's start to the first byte; -1 without. */
		public double firstByteSeconds() {
			return (this.attemptStart < 0 || this.firstByte < this.attemptStart) ? -1
					: (this.firstByte - this.attemptStart) / 1e9;
		}

		public double totalSeconds() {
			return this.end / 1e9;
		}

	}

	/**
	 * The bodies of a call, each cut to {@link #MAX_CHARS}; all empty unless a listener
	 * asked for them ({@link CallListener#wantsBodies}).
	 *
	 * @param request the request in OpenAI form
	 * @param response the answer (null for a stream)
	 * @param frames a stream's frames as they went out, up to {@link #MAX_FRAME_BYTES} in
	 * all, for a listener to put back together off the response path; empty for a call
	 * that did not stream
	 */
	public record Bodies(@Nullable String request, @Nullable String response, List<byte[]> frames) {

		/** How much of each body a record keeps. */
		public static final int MAX_CHARS = 64 * 1024;

		/** How much of a stream a record keeps. */
		public static final int MAX_FRAME_BYTES = 256 * 1024;

		public static final Bodies NONE = new Bodies(null, null, List.of());

		static Bodies bounded(@Nullable String request, @Nullable String response, List<byte[]> frames) {
			return new Bodies(cut(request), cut(response), frames);
		}

		private static @Nullable String cut(@Nullable String body) {
			return (body != null && body.length() > MAX_CHARS) ? body.substring(0, MAX_CHARS) : body;
		}

	}

	/**
	 * LiteLLM's call type for this call, as spend logs, logging callbacks and traces name
	 * it: the front end's where it has its own ({@code anthropic_messages},
	 * {@code aresponses}), else the kind's.
	 */
	public String litellmCallType() {
		if (this.route.startsWith("/v1/messages") || this.route.startsWith("/anthropic/")) {
			return "anthropic_messages";
		}
		if (this.route.endsWith("/responses")) {
			return "aresponses";
		}
		return this.kind.litellmCallType();
	}

	/** The same record without its bodies, for a listener that must not see them. */
	public CallRecord withoutBodies() {
		return new CallRecord(this.callId, this.kind, this.keyHash, this.keyAlias, this.userId, this.teamId,
				this.endUser, this.model, this.modelGroup, this.deploymentId, this.providerModel, this.provider,
				this.apiBase, this.startTime, this.firstByteMillis, this.endTime, this.durationMillis, this.usage,
				this.cost, this.cacheHit, this.cacheKey, this.guardrails, this.status, this.success, this.errorClass,
				Bodies.NONE, this.attributes, this.teamAlias, this.userEmail, this.route, this.clientIp, this.userAgent,
				this.timings, this.stream);
	}

}
