package dev.llmgw.gateway.budget;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.llmgw.gateway.auth.BudgetState;
import dev.llmgw.gateway.config.BudgetDuration;
import org.jspecify.annotations.Nullable;

/**
 * The proxy-wide budget, litellm_settings.max_budget, reset every
 * litellm_settings.budget_duration. Periods are aligned as LiteLLM's budget resets are (a
 * day from midnight, "7d" from Monday, "30d" and "1mo" from the 1st, in
 * litellm_settings.timezone), and the spend of the period under way when the gateway
 * starts is read once from the spend logs.
 */
public final class ProxyBudget {

	private final @Nullable Double maxBudget;

	private final @Nullable BudgetDuration duration;

	private final double spendAtStart;

	private final @Nullable OffsetDateTime firstPeriodEnd;

	private final ZoneId zone;

	/**
	 * @param zone where the budget's midnights fall (litellm_settings.timezone)
	 */
	public ProxyBudget(@Nullable Double maxBudget, @Nullable BudgetDuration duration, double spendAtStart,
			OffsetDateTime start, ZoneId zone) {
		this.maxBudget = maxBudget;
		this.duration = duration;
		this.spendAtStart = spendAtStart;
		this.zone = zone;
		this.firstPeriodEnd = (duration != null) ? periodEnd(duration, periodStart(duration, start, zone), zone) : null;
	}

	/**
	 * The start of the period under way at {@code now}, for reading its spend: the
	 * period's aligned start in the budget's zone ({@link BudgetDuration#periodStart}).
	 */
	public static OffsetDateTime periodStart(@Nullable BudgetDuration duration, OffsetDateTime now, ZoneId zone) {
		if (duration == null) {
			return OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
		}
		return duration.periodStart(now.atZoneSameInstant(zone)).toOffsetDateTime();
	}

	/** The end of the period that starts at {@code start}. */
	public static OffsetDateTime periodEnd(BudgetDuration duration, OffsetDateTime start, ZoneId zone) {
		return duration.nextReset(start.atZoneSameInstant(zone)).toOffsetDateTime();
	}

	/** The start of the period under way, for reading its spend from the spend logs. */
	OffsetDateTime currentPeriodStart(OffsetDateTime now) {
		return periodStart(this.duration, now, this.zone);
	}

	/** The budget as of now, or null when the proxy has none. */
	@Nullable BudgetState state(OffsetDateTime now) {
		if (this.maxBudget == null) {
			return null;
		}
		return new BudgetState("proxy", this.maxBudget, this.spendAtStart, this.firstPeriodEnd,
				(this.duration != null) ? this.duration.toString() : null);
	}

}
