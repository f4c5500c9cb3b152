package dev.llmgw.gateway.ratelimit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.CallerLimits;
import dev.llmgw.gateway.error.RateLimitError;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Admits model calls against the limits of their key, model, user, team and the proxy,
 * and reports them in LiteLLM's headers and refusal (shared/spec/admin-api.md §5.4, §6).
 * A caller without limits costs nothing here.
 */
public final class RateLimitGate {

	private static final DateTimeFormatter RESET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private final RateLimiter limiter;

	private final @Nullable Long globalParallel;

	public RateLimitGate(RateLimiter limiter, @Nullable Long globalParallel) {
		this.limiter = limiter;
		this.globalParallel = globalParallel;
	}

	/**
	 * Admits a request's model call and holds what it took until the request ends (see
	 * {@link RateLimitReleaseListener}); a refusal takes nothing.
	 */
	public Mono<Admission> admit(ServerWebExchange exchange, CallerIdentity caller, String model) {
		List<LimitCheck> checks = checks(caller, model);
		if (checks.isEmpty()) {
			return Mono.just(Admission.UNLIMITED);
		}
		// the hold is in the request's attributes before Redis is asked: a request that
		// ends while Redis answers (its end-of-call record carries the hold) marks it
		// ended, and the admission that lands late is handed back at once
		AdmissionHold hold = AdmissionHold.of(exchange);
		return this.limiter.admit(checks).doOnNext((admission) -> {
			if (admission.allowed() && !hold.hold(admission)) {
				release(admission, Usage.NONE).subscribe();
			}
		});
	}

	/**
	 * Ends a request's call early, once its answer is complete: hands back what its
	 * admission holds (nothing when none, or already handed back).
	 */
	public Mono<Void> end(ServerWebExchange exchange, Usage usage) {
		return end(AdmissionHold.held(exchange), usage);
	}

	/** Ends a call: hands back what its admission holds and counts its tokens. */
	Mono<Void> end(@Nullable AdmissionHold hold, Usage usage) {
		Admission admission = (hold != null) ? hold.end() : null;
		return (admission != null) ? release(admission, usage) : Mono.empty();
	}

	public Mono<Void> release(Admission admission, Usage usage) {
		return admission.checks().isEmpty() ? Mono.empty() : this.limiter.release(admission, usage.totalTokens());
	}

	/**
	 * The checks in order from the most specific (the key's limit for this model) to the
	 * proxy's.
	 */
	List<LimitCheck> checks(CallerIdentity caller, String model) {
		List<LimitCheck> checks = new ArrayList<>(4);
		CallerLimits limits = caller.limits();
		String key = caller.keyHash();
		if (key != null) {
			add(checks, "model_per_key", key + ":" + model, LimitKind.REQUESTS, limits.modelRpm().get(model));
			add(checks, "model_per_key", key + ":" + model, LimitKind.TOKENS, limits.modelTpm().get(model));
			add(checks, "api_key", key, LimitKind.REQUESTS, limits.keyRpm());
			add(checks, "api_key", key, LimitKind.TOKENS, limits.keyTpm());
			add(checks, "api_key", key, LimitKind.PARALLEL, limits.keyParallel());
		}
		if (caller.userId() != null) {
			add(checks, "user", caller.userId(), LimitKind.REQUESTS, limits.userRpm());
			add(checks, "user", caller.userId(), LimitKind.TOKENS, limits.userTpm());
			add(checks, "user", caller.userId(), LimitKind.PARALLEL, limits.userParallel());
		}
		if (caller.teamId() != null) {
			add(checks, "team", caller.teamId(), LimitKind.REQUESTS, limits.teamRpm());
			add(checks, "team", caller.teamId(), LimitKind.TOKENS, limits.teamTpm());
			add(checks, "team", caller.teamId(), LimitKind.PARALLEL, limits.teamParallel());
		}
		add(checks, "global", "proxy", LimitKind.PARALLEL, this.globalParallel);
		return checks;
	}

	/**
	 * Writes the limits and what remains of them:
	 * {@code x-ratelimit-limit/remaining-requests/tokens} for the most specific limit of
	 * each kind, and {@code x-ratelimit-<descriptor>-remaining-<kind>} for every limit.
	 */
	public static void writeHeaders(HttpHeaders headers, Admission admission) {
		boolean requests = false;
		boolean tokens = false;
		for (int i = 0; i < admission.checks().size(); i++) {
			long remaining = admission.remaining()[i];
			if (remaining < 0) {
				continue;
			}
			LimitCheck check = admission.checks().get(i);
			String kind = check.kind().limitType();
			headers.set("x-ratelimit-" + check.descriptor() + "-remaining-" + kind, Long.toString(remaining));
			headers.set("x-ratelimit-" + check.descriptor() + "-limit-" + kind, Long.toString(check.limit()));
			if (check.kind() == LimitKind.REQUESTS && !requests) {
				requests = true;
				headers.set("x-ratelimit-limit-requests", Long.toString(check.limit()));
				headers.set("x-ratelimit-remaining-requests", Long.toString(remaining));
			}
			if (check.kind() == LimitKind.TOKENS && !tokens) {
				tokens = true;
				headers.set("x-ratelimit-limit-tokens", Long.toString(check.limit()));
				headers.set("x-ratelimit-remaining-tokens", Long.toString(remaining));
			}
		}
	}

	/**
	 * LiteLLM's refusal text, with a Retry-After of the seconds left in the window (1 for
	 * parallel limits).
	 */
	public static RateLimitError refusal(Admission admission, long nowMillis) {
		LimitCheck check = admission.refusedBy();
		if (check == null) {
			throw new IllegalArgumentException("admission was not refused");
		}
		long resetMillis = (check.kind() == LimitKind.PARALLEL) ? nowMillis + 1000 : admission.windowEndMillis();
		long retryAfter = Math.max(1, (resetMillis - nowMillis + 999) / 1000);
		return new RateLimitError("Rate limit exceeded for " + check.descriptor() + ": " + check.id() + ". Limit type: "
				+ check.kind().limitType() + ". Current limit: " + check.limit() + ", Remaining: 0. Limit resets at: "
				+ RESET.format(Instant.ofEpochMilli(resetMillis)) + " UTC", Long.toString(retryAfter));
	}

	private static void add(List<LimitCheck> checks, String descriptor, String id, LimitKind kind,
			@Nullable Long limit) {
		if (limit != null) {
			checks.add(new LimitCheck(descriptor, id, kind, limit));
		}
	}

}
