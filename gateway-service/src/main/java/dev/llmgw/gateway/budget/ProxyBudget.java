package dev.llmgw.gateway.budget;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.llmgw.gateway.auth.BudgetState;
import dev.llmgw.gateway.config.BudgetDuration;
import org.jspecify.annotations.Nullable;

/**
 * The proxy-wide budget, litellm_settings.max_budget, reset every
 * litellm_settings.budget_duration. Periods are aligned to the calendar (a month starts
 * on the 1st, a day at midnight UTC, an hour on the hour), and the spend of the period
 * under way when the gateway starts is read once from the spend logs.
 */
public final class ProxyBudget {

	private final @Nullable Double maxBudget;

	private final @Nullable BudgetDuration duration;

	private final double spendAtStart;

	private final @Nullable OffsetDateTime firstPeriodEnd;

	public ProxyBudget(@Nullable Double maxBudget, @Nullable BudgetDuration duration, double spendAtStart,
			OffsetDateTime start) {
		this.maxBudget = maxBudget;
		this.duration = duration;
		this.spendAtStart = spendAtStart;
		this.firstPeriodEnd = (duration != null) ? periodEnd(duration, start) : null;
	}

	/** The start of the period under way at {@code now}, for reading its spend. */
	public static OffsetDateTime periodStart(@Nullable BudgetDuration duration, OffsetDateTime now) {
		if (duration == null) {
			return OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
		}
		OffsetDateTime utc = now.withOffsetSameInstant(ZoneOffset.UTC);
		return switch (duration.unit()) {
			case MONTHS -> utc.withDayOfMonth(1).toLocalDate().atStartOfDay().atOffset(ZoneOffset.UTC);
			case DAYS -> utc.toLocalDate().atStartOfDay().atOffset(ZoneOffset.UTC);
			case HOURS -> utc.withMinute(0).withSecond(0).withNano(0);
			case MINUTES -> utc.withSecond(0).withNano(0);
			case SECONDS -> utc.withNano(0);
		};
	}

	/** The start of the period under way, for reading its spend from the spend logs. */
	OffsetDateTime currentPeriodStart(OffsetDateTime now) {
		return periodStart(this.duration, now);
	}

	/** The budget as of now, or null when the proxy has none. */
	@Nullable BudgetState state(OffsetDateTime now) {
		if (this.maxBudget == null) {
			return null;
		}
		return new BudgetState("proxy", this.maxBudget, this.spendAtStart, this.firstPeriodEnd,
				(this.duration != null) ? this.duration.toString() : null);
	}

	private static OffsetDateTime periodEnd(BudgetDuration duration, OffsetDateTime now) {
		return duration.addTo(periodStart(duration, now).toZonedDateTime()).toOffsetDateTime();
	}

}
