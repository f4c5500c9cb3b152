package dev.llmgw.gateway.ratelimit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.CallerLimits;
import dev.llmgw.gateway.error.RateLimitError;
import dev.llmgw.gateway.web.ExchangeAttribute;
import dev.llmgw.gateway.web.HeldUntilEnd;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The limits of model calls, of their key, model, user, team and the proxy, and how they
 * are reported in LiteLLM's headers and refusal (shared/spec/admin-api.md §5.4, §6); the
 * admit stage counts them ({@link RateLimiter}) and a request holds what its admission
 * took until it ends. A caller without limits costs nothing here.
 */
public final class RateLimitGate {

	private static final DateTimeFormatter RESET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private static final HeldUntilEnd.Slot<Admission> HELD = HeldUntilEnd.Slot.of(RateLimitGate.class);

	/** The call's admission as counted, for those that report headroom (metrics). */
	private static final ExchangeAttribute<Admission> GRANTED = ExchangeAttribute.of(RateLimitGate.class,
			Admission.class);

	private final @Nullable Long globalParallel;

	public RateLimitGate(@Nullable Long globalParallel) {
		this.globalParallel = globalParallel;
	}

	/**
	 * Readies a request to hold what its admission takes, before the counters are asked:
	 * a request that ends while they answer then marks the hold ended, and what they
	 * grant late is handed back at once by whoever receives it ({@link #keep}).
	 */
	public static void expect(ServerWebExchange exchange) {
		HELD.expect(exchange);
	}

	/** Keeps the admission as counted, for the call's record. */
	public static void granted(ServerWebExchange exchange, Admission admission) {
		GRANTED.put(exchange, admission);
	}

	/**
	 * The admission a finished call was counted with (what each limit had left), null
	 * when no limit applied; reading it hands nothing back.
	 */
	public static @Nullable Admission granted(Map<String, Object> attributes) {
		return GRANTED.get(attributes);
	}

	/**
	 * Holds what an admission took until the request ends.
	 * @return false when the request has already ended: the caller hands it back now
	 */
	public static boolean keep(ServerWebExchange exchange, Admission admission) {
		if (!admission.allowed() || admission.checks().isEmpty()) {
			return true;
		}
		return HELD.keep(exchange, admission);
	}

	/**
	 * Ends a request's hold, once its answer is complete or the request ended: the
	 * admission to hand back, or null when it holds none (any more).
	 */
	public static @Nullable Admission end(ServerWebExchange exchange) {
		return HELD.end(exchange);
	}

	/** As {@link #end(ServerWebExchange)}, from a finished call's record. */
	public static @Nullable Admission end(Map<String, Object> attributes) {
		return HELD.end(attributes);
	}

	/**
	 * The checks in order from the most specific (the key's limit for this model) to the
	 * proxy's.
	 */
	public List<LimitCheck> checks(CallerIdentity caller, String model) {
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
