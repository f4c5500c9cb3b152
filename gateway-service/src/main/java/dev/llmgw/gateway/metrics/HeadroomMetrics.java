package dev.llmgw.gateway.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import dev.llmgw.gateway.auth.BudgetState;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.KeySpendTracker;
import dev.llmgw.gateway.engine.CallRecord;
import dev.llmgw.gateway.providers.ProviderHeadroom;
import dev.llmgw.gateway.ratelimit.Admission;
import dev.llmgw.gateway.ratelimit.LimitCheck;
import dev.llmgw.gateway.ratelimit.LimitKind;
import dev.llmgw.gateway.ratelimit.RateLimitGate;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * What a caller has left once its call ended, as LiteLLM sets it after each call: the
 * remaining and maximum budget of its key, user and team and the hours until each resets,
 * and what its rate limits have left. A key's spend is this instance's current figure
 * (the cached spend plus what it added since); a user's and a team's are the cached spend
 * plus the call, as LiteLLM computes them, so they lag other instances' calls until the
 * auth cache reloads.
 */
final class HeadroomMetrics {

	private static final String MODEL_PER_KEY = "model_per_key";

	private final KeySpendTracker keySpend;

	private final Clock clock;

	private final GaugeSet keyRemaining;

	private final GaugeSet keyMax;

	private final GaugeSet keyHours;

	private final GaugeSet userRemaining;

	private final GaugeSet userMax;

	private final GaugeSet userHours;

	private final GaugeSet teamRemaining;

	private final GaugeSet teamMax;

	private final GaugeSet teamHours;

	private final GaugeSet modelRequests;

	private final GaugeSet modelTokens;

	private final GaugeSet limits;

	private final ProviderHeadroom providers;

	private final GaugeSet providerRequests;

	private final GaugeSet providerTokens;

	HeadroomMetrics(MeterRegistry registry, KeySpendTracker keySpend, Clock clock) {
		this(registry, keySpend, clock, new ProviderHeadroom());
	}

	/**
	 * @param providers what each deployment's provider said it has left, published as
	 * LiteLLM's {@code litellm_remaining_requests} and {@code litellm_remaining_tokens}
	 */
	HeadroomMetrics(MeterRegistry registry, KeySpendTracker keySpend, Clock clock, ProviderHeadroom providers) {
		this.keySpend = keySpend;
		this.clock = clock;
		this.providers = providers;
		this.providerRequests = new GaugeSet(Families.PROVIDER_REMAINING_REQUESTS, registry);
		this.providerTokens = new GaugeSet(Families.PROVIDER_REMAINING_TOKENS, registry);
		this.keyRemaining = new GaugeSet(Families.REMAINING_KEY_BUDGET, registry);
		this.keyMax = new GaugeSet(Families.KEY_MAX_BUDGET, registry);
		this.keyHours = new GaugeSet(Families.KEY_BUDGET_REMAINING_HOURS, registry);
		this.userRemaining = new GaugeSet(Families.REMAINING_USER_BUDGET, registry);
		this.userMax = new GaugeSet(Families.USER_MAX_BUDGET, registry);
		this.userHours = new GaugeSet(Families.USER_BUDGET_REMAINING_HOURS, registry);
		this.teamRemaining = new GaugeSet(Families.REMAINING_TEAM_BUDGET, registry);
		this.teamMax = new GaugeSet(Families.TEAM_MAX_BUDGET, registry);
		this.teamHours = new GaugeSet(Families.TEAM_BUDGET_REMAINING_HOURS, registry);
		this.modelRequests = new GaugeSet(Families.REMAINING_KEY_REQUESTS_FOR_MODEL, registry);
		this.modelTokens = new GaugeSet(Families.REMAINING_KEY_TOKENS_FOR_MODEL, registry);
		this.limits = new GaugeSet(Families.REMAINING_RATE_LIMIT, registry);
	}

	void record(CallRecord record) {
		CallerIdentity caller = CallerIdentity.of(record.attributes());
		if (caller != null) {
			budgets(caller, record);
		}
		Admission admission = RateLimitGate.granted(record.attributes());
		if (admission != null) {
			limits(admission, record);
		}
		if (record.success()) {
			providerHeadroom(record);
		}
	}

	/** As LiteLLM sets them after a deployment answered: its provider's latest word. */
	private void providerHeadroom(CallRecord record) {
		ProviderHeadroom.Remaining left = this.providers.of(record.deploymentId());
		if (left == null) {
			return;
		}
		String[] labels = { CallMetrics.value(record.modelGroup()), CallMetrics.value(record.provider()),
				CallMetrics.value(record.apiBase()), CallMetrics.value(record.providerModel()),
				CallMetrics.value(record.keyHash()), CallMetrics.value(record.keyAlias()) };
		if (left.requests() >= 0) {
			this.providerRequests.set(left.requests(), labels);
		}
		if (left.tokens() >= 0) {
			this.providerTokens.set(left.tokens(), labels);
		}
	}

	private void budgets(CallerIdentity caller, CallRecord record) {
		String keyHash = caller.keyHash();
		BudgetState key = caller.budgets().key();
		if (key != null && keyHash != null) {
			String hash = CallMetrics.value(keyHash);
			String alias = CallMetrics.value(caller.keyAlias());
			this.keyMax.set(key.maxBudget(), hash, alias);
			this.keyRemaining.set(key.maxBudget() - this.keySpend.current(keyHash, key.spend()), hash, alias);
			hours(this.keyHours, key.resetAt(), hash, alias);
		}
		BudgetState user = caller.budgets().user();
		if (user != null) {
			String id = CallMetrics.value(user.id());
			this.userMax.set(user.maxBudget(), id);
			this.userRemaining.set(user.maxBudget() - (user.spend() + record.cost()), id);
			hours(this.userHours, user.resetAt(), id);
		}
		BudgetState team = caller.budgets().team();
		if (team != null) {
			String id = CallMetrics.value(team.id());
			String alias = CallMetrics.value(caller.teamAlias());
			this.teamMax.set(team.maxBudget(), id, alias);
			this.teamRemaining.set(team.maxBudget() - (team.spend() + record.cost()), id, alias);
			hours(this.teamHours, team.resetAt(), id, alias);
		}
	}

	private void hours(GaugeSet gauge, @Nullable OffsetDateTime resetAt, String... labels) {
		if (resetAt != null) {
			Duration left = Duration.between(OffsetDateTime.now(this.clock), resetAt);
			gauge.set(Math.max(0, left.toMillis() / 3_600_000.0), labels);
		}
	}

	private void limits(Admission admission, CallRecord record) {
		long tokens = record.usage().totalTokens();
		for (int i = 0; i < admission.checks().size(); i++) {
			long remaining = admission.remaining()[i];
			if (remaining < 0) {
				continue;
			}
			LimitCheck check = admission.checks().get(i);
			// a token limit is counted as the call ends: what is left after this call
			double left = (check.kind() == LimitKind.TOKENS) ? Math.max(0, remaining - tokens) : remaining;
			this.limits.set(left, check.descriptor(), CallMetrics.value(check.id()), check.kind().wireName());
			if (MODEL_PER_KEY.equals(check.descriptor()) && check.kind() != LimitKind.PARALLEL) {
				GaugeSet gauge = (check.kind() == LimitKind.REQUESTS) ? this.modelRequests : this.modelTokens;
				gauge.set(left, CallMetrics.value(record.keyHash()), CallMetrics.value(record.keyAlias()),
						CallMetrics.value(record.model()), CallMetrics.value(record.deploymentId()));
			}
		}
	}

}
