package dev.llmgw.gateway.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.RateLimitError;
import dev.llmgw.gateway.error.TimeoutError;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.MockResponses;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * One call's way through failures, as LiteLLM's router takes it: a retryable error (rate
 * limit, timeout, 5xx, connection) is retried on another deployment of the group, up to
 * {@code num_retries}, at once when another deployment is free, else after the provider's
 * {@code Retry-After} or a short backoff; what is left goes to the error type's fallback
 * groups in order. Every failure counts toward the deployment's cooldown. The headers
 * {@code x-litellm-attempted-retries}, {@code x-litellm-attempted-fallbacks} and
 * {@code x-litellm-model-id} say what happened. One per call; its state is touched by one
 * attempt at a time.
 */
public final class Failover {

	/** The deployment that answered, as LiteLLM names it. */
	public static final String MODEL_ID_HEADER = "x-litellm-model-id";

	public static final String MODEL_API_BASE_HEADER = "x-litellm-model-api-base";

	public static final String MODEL_GROUP_HEADER = "x-litellm-model-group";

	static final String RETRIES_HEADER = "x-litellm-attempted-retries";

	/** The call's retry budget, sent as LiteLLM does once a retry was made. */
	static final String MAX_RETRIES_HEADER = "x-litellm-max-retries";

	static final String FALLBACKS_HEADER = "x-litellm-attempted-fallbacks";

	/**
	 * The most retries a request's own {@code num_retries} gets, unless the configured
	 * default is higher.
	 */
	static final int MAX_REQUEST_RETRIES = 10;

	private static final Duration MAX_PROVIDER_WAIT = Duration.ofSeconds(60);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

	private final ServerWebExchange exchange;

	private final Consumer<Deployment> attempted;

	private final Router router;

	private final ModelRegistry models;

	private final RoutingPolicy policy;

	private final long promptChars;

	private final Map<String, @Nullable Object> requestFields;

	private final Map<String, List<String>> requestFallbacks;

	private final int numRetries;

	private final Set<String> tried = new HashSet<>();

	private final Map<String, Integer> sameDeploymentRetries = new java.util.HashMap<>();

	private ModelGroup group;

	private final String requestedGroup;

	private int retriesLeft;

	private int retries;

	private int fallbacks;

	private @Nullable List<String> fallbackGroups;

	private final Set<String> groupsTried = new HashSet<>();

	private final Set<String> expanded = new HashSet<>();

	/** The request's routing tags, which fallback groups are held to as well. */
	private final List<String> tags;

	/** Whether the request asks for a mock answer or a mock failure. */
	private final boolean mocked;

	private int nextFallback;

	/**
	 * @param exchange the caller's request
	 * @param router the router
	 * @param models the model groups, for fallbacks
	 * @param requestFields the request's fields, for its own {@code num_retries} and
	 * {@code fallbacks}
	 * @param group the admitted group
	 * @param promptChars the prompt's size, for the pre-call check
	 * @param attempted told each deployment tried
	 */
	Failover(ServerWebExchange exchange, Router router, ModelRegistry models,
			Map<String, @Nullable Object> requestFields, ModelGroup group, long promptChars,
			Consumer<Deployment> attempted) {
		this.exchange = exchange;
		this.attempted = attempted;
		this.router = router;
		this.models = models;
		this.policy = router.policy();
		this.group = group;
		this.requestedGroup = group.name();
		this.promptChars = promptChars;
		this.requestFields = requestFields;
		this.requestFallbacks = RequestFallbacks.byGroup(requestFields, group.name());
		this.tags = this.policy.tags().requestTags(requestFields, exchange.getRequest().getHeaders());
		this.mocked = MockResponses.requested(requestFields);
		this.numRetries = numRetries(requestFields.get("num_retries"), this.policy.numRetries());
		this.retriesLeft = this.numRetries;
	}

	/**
	 * Runs {@code attempt} on {@code first}, then on the deployments retries and
	 * fallbacks choose, until one succeeds or none is left.
	 * @param first the admitted deployment
	 * @param attempt one provider call; a stream must fail only before its first frame to
	 * be retried
	 * @param retryable whether a failure may still be retried (false once a stream
	 * started)
	 * @return the first success, or the last failure
	 */
	<T> Flux<T> run(Deployment first, Function<Deployment, Publisher<T>> attempt,
			java.util.function.BooleanSupplier retryable) {
		// on subscription, when the caller's chain asks for the answer
		return Flux.defer(() -> attempt(first, attempt, retryable));
	}

	/**
	 * A request may ask for fewer retries or more, up to a bound: each retry is another
	 * provider call past the key's rpm, and a key asking for thousands would hammer a
	 * provider that is already refusing.
	 * @param asked the request's own {@code num_retries}, if any
	 * @param configured the configured {@code num_retries}
	 */
	static int numRetries(@Nullable Object asked, int configured) {
		if (!(asked instanceof Number number)) {
			return configured;
		}
		// as a double: a huge integer's intValue() wraps, to a negative or a small count
		double bounded = Math.min(number.doubleValue(), Math.max(MAX_REQUEST_RETRIES, configured));
		return (bounded > 0) ? (int) bounded : 0;
	}

	/** The group of the attempt under way: the admitted one, else a fallback. */
	ModelGroup group() {
		return this.group;
	}

	private <T> Flux<T> attempt(Deployment deployment, Function<Deployment, Publisher<T>> attempt,
			java.util.function.BooleanSupplier retryable) {
		this.tried.add(deployment.id());
		writeHeaders(deployment);
		long started = System.nanoTime();
		return Flux.from(attempt.apply(deployment)).onErrorResume((error) -> {
			if (error instanceof GatewayError failed) {
				AttemptLog.failed(this.exchange, deployment, this.group.name(), failed, this.fallbacks > 0, started);
			}
			if (!(error instanceof GatewayError failure) || !retryable.getAsBoolean()) {
				return Flux.error(error);
			}
			// a failure a caller asked for (mock_response, mock_testing_*) is not the
			// deployment's:
			// counted, any key could put every deployment to rest for everyone
			if (!this.mocked && !MockResponses.configured(deployment) && !timedOutByTheCaller(deployment, failure)) {
				this.router.cooldowns().failed(deployment, failure, this.group.deployments().size());
			}
			Deployment next = null;
			Duration wait = Duration.ZERO;
			Integer ownRetries = deployment.params().maxRetries();
			int sameAttempts = this.sameDeploymentRetries.merge(deployment.id(), 1, Integer::sum);
			if (failure.isRetryable() && ownRetries != null && sameAttempts <= ownRetries) {
				// the deployment's own max_retries: the same deployment again, as the
				// provider client does in LiteLLM, before the router looks elsewhere
				this.retries++;
				AttemptLog.retried(this.exchange);
				next = deployment;
				wait = wait(failure, null);
			}
			else if (mayRetry(failure)) {
				this.retriesLeft--;
				this.retries++;
				next = nextInGroup();
				if (next != null) {
					AttemptLog.retried(this.exchange);
				}
				wait = wait(failure, next);
			}
			if (next == null) {
				next = nextFallback(failure);
				if (next == null) {
					return Flux.error(failure);
				}
			}
			Deployment chosen = next;
			Flux<T> again = Flux.defer(() -> attempt(chosen, attempt, retryable));
			return wait.isZero() ? again : Mono.delay(wait).thenMany(again);
		});
	}

	/**
	 * Whether the failure is a timeout the request brought on itself, with a
	 * {@code timeout} or {@code stream_timeout} shorter than the deployment's: not the
	 * deployment's fault, so not counted toward its cooldown (a key asking for a
	 * millisecond would otherwise put every deployment to rest).
	 */
	private boolean timedOutByTheCaller(Deployment deployment, GatewayError failure) {
		if (!(failure instanceof TimeoutError)) {
			return false;
		}
		Deployment asked = deployment.withTimeoutsOf(this.requestFields);
		return asked.timeout().compareTo(deployment.timeout()) < 0
				|| asked.streamTimeout().compareTo(deployment.streamTimeout()) < 0;
	}

	/**
	 * Whether the router retries this failure in the current group: the retry policy's
	 * count for its kind when one names it, whatever the kind (LiteLLM's policy overrides
	 * the retryable check), else {@code num_retries} for the retryable kinds.
	 */
	private boolean mayRetry(GatewayError failure) {
		Integer byKind = this.policy.retriesFor(this.group.name(), failure);
		if (byKind != null) {
			return this.numRetries - this.retriesLeft < byKind;
		}
		return failure.isRetryable() && this.retriesLeft > 0;
	}

	/**
	 * Another deployment of the group not tried yet; when all were tried, any that is not
	 * resting (a retry may hit the same deployment again, as in LiteLLM).
	 */
	private @Nullable Deployment nextInGroup() {
		try {
			return this.router.pick(this.group, this.tried, this.promptChars, this.tags);
		}
		catch (GatewayError allTried) {
			try {
				return this.router.pick(this.group, List.of(), this.promptChars, this.tags);
			}
			catch (GatewayError noneLeft) {
				return null;
			}
		}
	}

	/**
	 * The next fallback group's deployment, depth first as LiteLLM's router recurses: a
	 * fallback group that fails has its own fallbacks tried before the next one of the
	 * list it came from; a group is tried once per call, and at most
	 * {@code max_fallbacks} groups in all.
	 */
	private @Nullable Deployment nextFallback(GatewayError failure) {
		if (this.fallbackGroups == null) {
			this.fallbackGroups = new ArrayList<>(
					this.policy.fallbacksFor(this.requestedGroup, failure, this.requestFallbacks));
			this.groupsTried.add(this.requestedGroup);
		}
		else if (!this.group.name().equals(this.requestedGroup) && this.expanded.add(this.group.name())) {
			this.fallbackGroups.addAll(this.nextFallback,
					this.policy.fallbacksFor(this.group.name(), failure, Map.of()));
		}
		while (this.nextFallback < this.fallbackGroups.size() && this.fallbacks < this.policy.maxFallbacks()) {
			String name = this.fallbackGroups.get(this.nextFallback++);
			ModelGroup fallback = this.groupsTried.add(name) ? this.models.find(name) : null;
			if (fallback == null) {
				continue;
			}
			try {
				Deployment deployment = this.router.pick(fallback, List.of(), this.promptChars, this.tags);
				this.group = fallback;
				this.tried.clear();
				this.retriesLeft = this.numRetries;
				this.fallbacks++;
				AttemptLog.fellBack(this.exchange);
				return deployment;
			}
			catch (GatewayError unavailable) {
				// every deployment of this fallback rests or cannot hold the prompt: the
				// next
			}
		}
		return null;
	}

	/**
	 * No wait when another deployment takes the retry; else the provider's
	 * {@code Retry-After} (up to a minute) or a doubling backoff, never less than
	 * {@code retry_after}.
	 */
	private Duration wait(GatewayError failure, @Nullable Deployment next) {
		Duration least = this.policy.retryAfter();
		if (next != null && !this.tried.contains(next.id())) {
			return least;
		}
		Duration wait = Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(10, this.retries - 1)));
		if (failure instanceof RateLimitError limited && limited.retryAfter() != null) {
			try {
				Duration asked = Duration.ofSeconds(Long.parseLong(limited.retryAfter().trim()));
				wait = (asked.compareTo(MAX_PROVIDER_WAIT) <= 0) ? asked : wait;
			}
			catch (NumberFormatException ex) {
				// an HTTP date: keep the backoff
			}
		}
		return (wait.compareTo(least) < 0) ? least : wait;
	}

	private void writeHeaders(Deployment deployment) {
		this.attempted.accept(deployment);
		HttpHeaders headers = this.exchange.getResponse().getHeaders();
		headers.set(MODEL_ID_HEADER, deployment.id());
		if (deployment.apiBase() != null) {
			headers.set(MODEL_API_BASE_HEADER, deployment.apiBase());
		}
		else {
			headers.remove(MODEL_API_BASE_HEADER);
		}
		headers.set(RETRIES_HEADER, Integer.toString(this.retries));
		if (this.retries > 0) {
			headers.set(MAX_RETRIES_HEADER, Integer.toString(this.numRetries));
		}
		headers.set(FALLBACKS_HEADER, Integer.toString(this.fallbacks));
	}

}
