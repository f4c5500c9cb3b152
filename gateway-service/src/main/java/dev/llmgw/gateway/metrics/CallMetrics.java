package dev.llmgw.gateway.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.llmgw.gateway.engine.CallListener;
import dev.llmgw.gateway.engine.CallRecord;
import dev.llmgw.gateway.engine.GuardrailOutcome;
import dev.llmgw.gateway.error.LitellmExceptionNames;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.routing.AttemptLog;
import dev.llmgw.gateway.routing.Cooldowns;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every model call into LiteLLM's metric families, on the thread that ended it:
 * adding to a counter never blocks. The meters of one set of label values are looked up
 * once and kept ({@link CallLabels} to {@link CallMeters}), so a call costs one map
 * lookup and a few additions. The sets kept are bounded: past {@link #MAX_LABEL_SETS},
 * the label values a caller chooses (end user, route, client address, user agent, and
 * through a wildcard route the model and deployment) are folded into {@code other}, so
 * that no caller can grow the registry without bound.
 */
final class CallMetrics implements CallListener, Cooldowns.CooledDown {

	private static final Logger log = LoggerFactory.getLogger(CallMetrics.class);

	/** LiteLLM's text for a label without a value (Python's {@code str(None)}). */
	static final String NONE = "None";

	static final int MAX_LABEL_SETS = 5_000;

	/** The value of a label folded past the bound. */
	static final String OTHER = "other";

	private static final int MAX_LABEL_CHARS = 128;

	private final MeterRegistry registry;

	private final double[] latencyBuckets;

	private final boolean endUserLabels;

	private final Map<CallLabels, CallMeters> meters = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> deploymentStates = new ConcurrentHashMap<>();

	private final Map<String, GuardrailMeters> guardrails = new ConcurrentHashMap<>();

	private final AtomicBoolean foldWarned = new AtomicBoolean();

	private final HeadroomMetrics headroom;

	private final int maxLabelSets;

	private final Counter[] responses = new Counter[6];

	private final DistributionSummary latency;

	/**
	 * @param registry where the meters live
	 * @param latencyBuckets the latency histograms' bounds, in seconds
	 * @param endUserLabels whether {@code end_user} carries the call's end user
	 * @param headroom the budget and rate-limit gauges
	 */
	CallMetrics(MeterRegistry registry, double[] latencyBuckets, boolean endUserLabels, HeadroomMetrics headroom) {
		this(registry, latencyBuckets, endUserLabels, headroom, MAX_LABEL_SETS);
	}

	/** As above, with another bound on the label sets (for tests). */
	CallMetrics(MeterRegistry registry, double[] latencyBuckets, boolean endUserLabels, HeadroomMetrics headroom,
			int maxLabelSets) {
		this.maxLabelSets = maxLabelSets;
		this.registry = registry;
		this.headroom = headroom;
		this.latencyBuckets = latencyBuckets.clone();
		this.endUserLabels = endUserLabels;
		for (int i = 1; i < this.responses.length; i++) {
			this.responses[i] = Families.RESPONSES.counter(registry, i + "xx");
		}
		this.latency = Families.LATENCY.histogram(registry, this.latencyBuckets);
	}

	@Override
	public String name() {
		return "prometheus";
	}

	@Override
	public boolean inline() {
		return true;
	}

	@Override
	public void onCallEnd(CallRecord record) {
		CallMeters meters = meters(record);
		meters.totalLatency.record(record.timings().totalSeconds());
		if (!record.success()) {
			meters.failed().increment();
			meters.failedDeprecated().increment();
		}
		if (record.cacheHit()) {
			meters.cacheHits().increment();
			meters.cachedTokens().increment(record.usage().totalTokens());
		}
		else if (record.cacheKey() != null) {
			meters.cacheMisses().increment();
		}
		double provider = record.timings().providerSeconds();
		if (provider >= 0 && !record.cacheHit()) {
			meters.llmLatency().record(provider);
			meters.overhead().record(Math.max(0, record.timings().totalSeconds() - provider));
			double firstByte = record.timings().firstByteSeconds();
			// LiteLLM measures the time to first token of streams alone
			if (firstByte >= 0 && record.stream()) {
				meters.timeToFirstToken().record(firstByte);
			}
		}
		if (record.success()) {
			meters.requestsDeprecated().increment();
		}
		if (record.cost() > 0) {
			meters.spend().increment(record.cost());
		}
		long input = record.usage().promptTokens();
		long output = record.usage().completionTokens();
		if (input + output > 0) {
			meters.totalTokens().increment(input + output);
			meters.inputTokens().increment(input);
			meters.outputTokens().increment(output);
		}
		if (record.success() && record.deploymentId() != null && !record.cacheHit()) {
			meters.deploymentSuccess().increment();
			meters.deploymentTotal().increment();
			if (output > 0 && provider >= 0) {
				meters.latencyPerOutputToken().record(provider / output);
			}
			AtomicInteger state = state(meters.labels.modelId, meters.labels.litellmModel, meters.labels.apiBase,
					meters.labels.provider);
			if (state != null) {
				state.set(0);
			}
		}
		AttemptLog attempts = AttemptLog.of(record.attributes());
		if (attempts != null) {
			attempts(record, meters.labels, attempts);
		}
		for (GuardrailOutcome outcome : record.guardrails()) {
			guardrail(outcome);
		}
		this.headroom.record(record);
		// until the answer starts: a stream's first byte, else the whole call, so that a
		// long stream is not a slow answer to the alarms that read this
		long firstByte = record.timings().firstByte();
		this.latency.record((record.stream() && firstByte >= 0) ? firstByte / 1e9 : record.timings().totalSeconds());
		// a call that failed after a 200 went out (a stream cut short) is the server's
		// failure
		int statusClass = record.success() ? 2 : (record.status() >= 400) ? Math.min(5, record.status() / 100) : 5;
		this.responses[statusClass].increment();
		// last, so that once a scrape sees the call counted, the next one sees all of it
		meters.requests.increment();
	}

	/** Each failed provider attempt, each retry and each fallback. */
	private void attempts(CallRecord record, CallLabels labels, AttemptLog attempts) {
		for (AttemptLog.Failure failure : attempts.failures()) {
			Deployment deployment = failure.deployment();
			String litellmModel = labels.folded ? OTHER
					: litellmModel(deployment.provider().name(), deployment.providerModel());
			String modelId = labels.folded ? OTHER : deployment.id();
			String group = labels.folded ? OTHER : failure.group();
			String apiBase = value(deployment.apiBase());
			String provider = deployment.provider().name();
			String status = Integer.toString(failure.status());
			String errorClass = providerErrorClass(provider,
					LitellmExceptionNames.of(failure.errorClass(), failure.status()));
			Families.DEPLOYMENT_FAILURE
				.counter(this.registry, labels.requestedModel, litellmModel, modelId, apiBase, provider, status,
						errorClass, labels.keyHash, labels.keyAlias, labels.team, labels.teamAlias, labels.clientIp,
						labels.userAgent)
				.increment();
			Families.DEPLOYMENT_TOTAL
				.counter(this.registry, labels.requestedModel, litellmModel, modelId, apiBase, provider, labels.keyHash,
						labels.keyAlias, labels.team, labels.teamAlias, labels.clientIp, labels.userAgent)
				.increment();
			AtomicInteger state = state(modelId, litellmModel, apiBase, provider);
			if (state != null) {
				state.compareAndSet(0, 1);
			}
			if (failure.fallback()) {
				Families.FAILED_FALLBACKS
					.counter(this.registry, labels.requestedModel, group, labels.keyHash, labels.keyAlias, labels.team,
							labels.teamAlias, status, errorClass, modelId)
					.increment();
			}
		}
		if (record.success() && attempts.fallbacks() > 0 && !attempts.failures().isEmpty()) {
			AttemptLog.Failure first = attempts.failures().get(0);
			Families.SUCCESSFUL_FALLBACKS
				.counter(this.registry, labels.requestedModel, labels.modelGroup, labels.keyHash, labels.keyAlias,
						labels.team, labels.teamAlias, Integer.toString(first.status()),
						providerErrorClass(first.deployment().provider().name(),
								LitellmExceptionNames.of(first.errorClass(), first.status())),
						labels.modelId)
				.increment();
		}
		if (attempts.retries() > 0) {
			Families.RETRIES
				.counter(this.registry, labels.requestedModel, labels.keyHash, labels.keyAlias, labels.team,
						labels.teamAlias)
				.increment(attempts.retries());
		}
	}

	private void guardrail(GuardrailOutcome outcome) {
		GuardrailMeters meters = this.guardrails.computeIfAbsent(
				outcome.name() + '\u0000' + outcome.mode() + '\u0000' + outcome.verdict(),
				(key) -> new GuardrailMeters(this.registry, this.latencyBuckets, outcome));
		meters.latency.record(outcome.millis() / 1000.0);
		meters.requests.increment();
		if (meters.errors != null) {
			meters.errors.increment();
		}
		meters.verdicts.increment();
	}

	/**
	 * The meters of one guardrail, mode and verdict: a handful per configured guardrail,
	 * looked up once.
	 */
	private static final class GuardrailMeters {

		final DistributionSummary latency;

		final Counter requests;

		final @Nullable Counter errors;

		final Counter verdicts;

		GuardrailMeters(MeterRegistry registry, double[] buckets, GuardrailOutcome outcome) {
			String verdict = outcome.verdict();
			boolean error = !"passed".equals(verdict) && !"masked".equals(verdict);
			String errorType = error ? verdict : "none";
			String name = value(outcome.name());
			String status = error ? "error" : "success";
			this.latency = Families.GUARDRAIL_LATENCY.histogram(registry, buckets, name, status, errorType,
					outcome.mode());
			this.requests = Families.GUARDRAIL_REQUESTS.counter(registry, name, status, outcome.mode());
			this.errors = error ? Families.GUARDRAIL_ERRORS.counter(registry, name, errorType, outcome.mode()) : null;
			this.verdicts = Families.GUARDRAIL_VERDICTS.counter(registry, name, outcome.mode(), verdict);
		}

	}

	@Override
	public void cooledDown(Deployment deployment, int status) {
		String litellmModel = litellmModel(deployment.provider().name(), deployment.providerModel());
		String apiBase = value(deployment.apiBase());
		String provider = deployment.provider().name();
		Families.DEPLOYMENT_COOLED_DOWN
			.counter(this.registry, litellmModel, deployment.id(), apiBase, provider, Integer.toString(status))
			.increment();
		AtomicInteger state = state(deployment.id(), litellmModel, apiBase, provider);
		if (state != null) {
			state.set(2);
		}
	}

	/**
	 * A deployment's state gauge, last write wins as in LiteLLM: 0 after a success, 1
	 * after a failure, 2 when it is cooled down.
	 */
	private @Nullable AtomicInteger state(String modelId, String litellmModel, String apiBase, String provider) {
		AtomicInteger state = this.deploymentStates.get(modelId);
		if (state != null || this.deploymentStates.size() >= this.maxLabelSets) {
			// wildcard routes make a deployment per model asked: bounded as the label
			// sets
			return state;
		}
		return this.deploymentStates.computeIfAbsent(modelId, (id) -> {
			AtomicInteger made = new AtomicInteger();
			Gauge.builder(Families.DEPLOYMENT_STATE.name(), made, AtomicInteger::get)
				.description(Families.DEPLOYMENT_STATE.help())
				.tags(Families.DEPLOYMENT_STATE.tags(litellmModel, id, apiBase, provider))
				.register(this.registry);
			return made;
		});
	}

	private CallMeters meters(CallRecord record) {
		CallLabels labels = labels(record, false);
		CallMeters meters = this.meters.get(labels);
		if (meters != null) {
			return meters;
		}
		if (this.meters.size() >= this.maxLabelSets) {
			if (this.foldWarned.compareAndSet(false, true)) {
				log.warn(
						"Metrics: more than {} label sets; new ones are counted with every value a caller chooses"
								+ " (end user, route, client address, user agent, model and deployment) as 'other'",
						this.maxLabelSets);
			}
			labels = labels(record, true);
			meters = this.meters.get(labels);
			if (meters != null) {
				return meters;
			}
		}
		return this.meters.computeIfAbsent(labels, this::register);
	}

	private CallMeters register(CallLabels labels) {
		return new CallMeters(labels, this.registry, this.latencyBuckets);
	}

	private CallLabels labels(CallRecord record, boolean folded) {
		String status = record.success() ? "200" : Integer.toString(record.status());
		String errorClass = (record.success() || record.errorClass() == null) ? NONE
				: LitellmExceptionNames.of(record.errorClass(), record.status());
		String provider = value(record.provider());
		if (folded) {
			// past the bound, every value a caller can choose is folded: a wildcard route
			// makes the model, the deployment and its group the caller's choice too
			return new CallLabels(OTHER, value(record.keyHash()), value(record.keyAlias()), OTHER,
					value(record.teamId()), value(record.teamAlias()), value(record.userId()),
					value(record.userEmail()), OTHER, OTHER, OTHER, OTHER, OTHER, OTHER, value(record.apiBase()),
					provider, OTHER, status, errorClass, true);
		}
		String providerModel = value(record.providerModel());
		// a model no group serves was refused before routing: its name is whatever the
		// caller typed, so it is not a label value
		String requested = (record.modelGroup() != null) ? value(record.model()) : OTHER;
		return new CallLabels(this.endUserLabels ? value(record.endUser()) : NONE, value(record.keyHash()),
				value(record.keyAlias()), requested, value(record.teamId()), value(record.teamAlias()),
				value(record.userId()), value(record.userEmail()), value(record.route()), value(record.clientIp()),
				value(record.userAgent()), value(record.deploymentId()), providerModel,
				(record.provider() != null) ? litellmModel(provider, providerModel) : NONE, value(record.apiBase()),
				provider, value(record.modelGroup()), status, errorClass, false);
	}

	/** The deployment's {@code litellm_params.model} as LiteLLM names it. */
	static String litellmModel(String provider, String providerModel) {
		return provider + "/" + providerModel;
	}

	/** LiteLLM's name of a provider's error: {@code Openai.RateLimitError}. */
	static String providerErrorClass(String provider, String errorClass) {
		if (provider.isEmpty()) {
			return errorClass;
		}
		return Character.toUpperCase(provider.charAt(0)) + provider.substring(1) + "." + errorClass;
	}

	/**
	 * A label value: "None" for none, as LiteLLM; line breaks and other control
	 * characters become spaces and a value is cut to 256 characters, since some come from
	 * the caller.
	 */
	static String value(@Nullable String value) {
		if (value == null) {
			return NONE;
		}
		boolean clean = value.length() <= MAX_LABEL_CHARS;
		for (int i = 0; clean && i < value.length(); i++) {
			char c = value.charAt(i);
			clean = c >= 0x20 && c != 0x7f && c != '\u2028' && c != '\u2029';
		}
		if (clean) {
			return value;
		}
		StringBuilder cleaned = new StringBuilder(Math.min(value.length(), MAX_LABEL_CHARS));
		for (int i = 0; i < value.length() && cleaned.length() < MAX_LABEL_CHARS; i++) {
			char c = value.charAt(i);
			cleaned.append((c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') ? ' ' : c);
		}
		return cleaned.toString();
	}

	/** One call's label values. */
	record CallLabels(String endUser, String keyHash, String keyAlias, String requestedModel, String team,
			String teamAlias, String user, String userEmail, String route, String clientIp, String userAgent,
			String modelId, String model, String litellmModel, String apiBase, String provider, String modelGroup,
			String status, String errorClass, boolean folded) {

	}

	/**
	 * The meters of one set of label values; those a call uses rarely are registered on
	 * first use (the registry hands back the same meter if two threads race).
	 */
	static final class CallMeters {

		final CallLabels labels;

		private final MeterRegistry registry;

		private final double[] buckets;

		final Counter requests;

		final DistributionSummary totalLatency;

		// registered on first use: a call that fails before a provider answers needs few
		// of
		// them, and a label set a caller can vary should register no more than it uses
		private final Lazily<Counter> failed = new Lazily<>();

		private final Lazily<Counter> spend = new Lazily<>();

		private final Lazily<Counter> requestsDeprecated = new Lazily<>();

		private final Lazily<Counter> failedDeprecated = new Lazily<>();

		private final Lazily<Counter> totalTokens = new Lazily<>();

		private final Lazily<Counter> inputTokens = new Lazily<>();

		private final Lazily<Counter> outputTokens = new Lazily<>();

		private final Lazily<Counter> deploymentSuccess = new Lazily<>();

		private final Lazily<Counter> deploymentTotal = new Lazily<>();

		private final Lazily<DistributionSummary> llmLatency = new Lazily<>();

		private final Lazily<DistributionSummary> overhead = new Lazily<>();

		private final Lazily<DistributionSummary> timeToFirstToken = new Lazily<>();

		private final Lazily<DistributionSummary> latencyPerOutputToken = new Lazily<>();

		private final Lazily<Counter> cacheHits = new Lazily<>();

		private final Lazily<Counter> cacheMisses = new Lazily<>();

		private final Lazily<Counter> cachedTokens = new Lazily<>();

		CallMeters(CallLabels l, MeterRegistry registry, double[] buckets) {
			this.labels = l;
			this.registry = registry;
			this.buckets = buckets;
			this.requests = Families.TOTAL_REQUESTS.counter(registry, l.endUser, l.keyHash, l.keyAlias,
					l.requestedModel, l.team, l.teamAlias, l.user, l.status, l.userEmail, l.route, l.clientIp,
					l.userAgent, l.modelId);
			this.totalLatency = Families.TOTAL_LATENCY.histogram(registry, buckets, l.endUser, l.keyHash, l.keyAlias,
					l.requestedModel, l.team, l.teamAlias, l.user, l.model, l.modelId);
		}

		private static String[] deploymentLabels(CallLabels l) {
			return new String[] { l.requestedModel, l.litellmModel, l.modelId, l.apiBase, l.provider, l.keyHash,
					l.keyAlias, l.team, l.teamAlias, l.clientIp, l.userAgent };
		}

		Counter requestsDeprecated() {
			CallLabels l = this.labels;
			return this.requestsDeprecated.get(
					() -> Families.REQUESTS_DEPRECATED.counter(this.registry, l.endUser, l.keyHash, l.keyAlias, l.model,
							l.team, l.teamAlias, l.user, l.userEmail, l.clientIp, l.userAgent, l.modelId, l.provider));
		}

		Counter failedDeprecated() {
			CallLabels l = this.labels;
			return this.failedDeprecated.get(() -> Families.LLM_API_FAILED_DEPRECATED.counter(this.registry, l.endUser,
					l.keyHash, l.keyAlias, l.model, l.team, l.teamAlias, l.user, l.modelId));
		}

		Counter failed() {
			CallLabels l = this.labels;
			return this.failed.get(() -> Families.FAILED_REQUESTS.counter(this.registry, l.endUser, l.keyHash,
					l.keyAlias, l.requestedModel, l.team, l.teamAlias, l.user, l.userEmail, l.status, l.errorClass,
					l.route, l.clientIp, l.userAgent, l.modelId));
		}

		Counter spend() {
			CallLabels l = this.labels;
			return this.spend.get(() -> Families.SPEND.counter(this.registry, l.endUser, l.keyHash, l.keyAlias, l.model,
					l.team, l.teamAlias, l.user, l.userEmail, l.clientIp, l.userAgent, l.modelId, l.provider));
		}

		Counter totalTokens() {
			return this.totalTokens.get(() -> Families.TOTAL_TOKENS.counter(this.registry, tokenLabels(this.labels)));
		}

		Counter inputTokens() {
			return this.inputTokens.get(() -> Families.INPUT_TOKENS.counter(this.registry, tokenLabels(this.labels)));
		}

		Counter outputTokens() {
			return this.outputTokens.get(() -> Families.OUTPUT_TOKENS.counter(this.registry, tokenLabels(this.labels)));
		}

		Counter deploymentSuccess() {
			return this.deploymentSuccess
				.get(() -> Families.DEPLOYMENT_SUCCESS.counter(this.registry, deploymentLabels(this.labels)));
		}

		Counter deploymentTotal() {
			return this.deploymentTotal
				.get(() -> Families.DEPLOYMENT_TOTAL.counter(this.registry, deploymentLabels(this.labels)));
		}

		private static String[] tokenLabels(CallLabels l) {
			return new String[] { l.endUser, l.keyHash, l.keyAlias, l.model, l.team, l.teamAlias, l.user, l.userEmail,
					l.requestedModel, l.modelId };
		}

		DistributionSummary llmLatency() {
			CallLabels l = this.labels;
			return this.llmLatency.get(() -> Families.LLM_API_LATENCY.histogram(this.registry, this.buckets, l.model,
					l.keyHash, l.keyAlias, l.team, l.teamAlias, l.requestedModel, l.endUser, l.user, l.modelId));
		}

		DistributionSummary overhead() {
			CallLabels l = this.labels;
			return this.overhead.get(() -> Families.OVERHEAD_LATENCY.histogram(this.registry, this.buckets,
					l.modelGroup, l.provider, l.apiBase, l.litellmModel, l.keyHash, l.keyAlias, l.modelId));
		}

		DistributionSummary timeToFirstToken() {
			CallLabels l = this.labels;
			return this.timeToFirstToken
				.get(() -> Families.TIME_TO_FIRST_TOKEN.histogram(this.registry, this.buckets, l.model, l.keyHash,
						l.keyAlias, l.team, l.teamAlias, l.requestedModel, l.endUser, l.user, l.modelId));
		}

		DistributionSummary latencyPerOutputToken() {
			CallLabels l = this.labels;
			return this.latencyPerOutputToken
				.get(() -> Families.LATENCY_PER_OUTPUT_TOKEN.histogram(this.registry, Families.DEFAULT_BUCKETS,
						l.litellmModel, l.modelId, l.apiBase, l.provider, l.keyHash, l.keyAlias, l.team, l.teamAlias));
		}

		Counter cacheHits() {
			return this.cacheHits.get(() -> Families.CACHE_HITS.counter(this.registry, cacheLabels(this.labels)));
		}

		Counter cacheMisses() {
			return this.cacheMisses.get(() -> Families.CACHE_MISSES.counter(this.registry, cacheLabels(this.labels)));
		}

		Counter cachedTokens() {
			return this.cachedTokens.get(() -> Families.CACHED_TOKENS.counter(this.registry, cacheLabels(this.labels)));
		}

		private static String[] cacheLabels(CallLabels l) {
			return new String[] { l.model, l.keyHash, l.keyAlias, l.team, l.teamAlias, l.endUser, l.user, l.modelId };
		}

	}

	/**
	 * A meter registered on first use; two threads racing get the same meter, since the
	 * registry hands back the one already registered.
	 */
	static final class Lazily<M> {

		private volatile @Nullable M meter;

		M get(Supplier<M> register) {
			M existing = this.meter;
			if (existing == null) {
				existing = register.get();
				this.meter = existing;
			}
			return existing;
		}

	}

}
