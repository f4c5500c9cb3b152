package dev.llmgw.gateway.budget;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import dev.llmgw.gateway.config.BudgetDuration;
import org.jspecify.annotations.Nullable;

/**
 * Which period of a budget is current. The database's budget_reset_at ends a period; once
 * it has passed, the next periods end on the aligned resets that follow it (LiteLLM's:
 * midnight, Monday, the 1st), so a budget resets exactly on schedule even before the
 * reset job has written the new period to the database.
 */
final class BudgetPeriods {

	private static final int MAX_STEPS = 100_000;

	private BudgetPeriods() {
	}

	/**
	 * @param resetAt the end of the database's period, null when the budget never resets
	 * @param duration the budget_duration
	 * @param now the time
	 * @param zone where the budget's midnights fall (litellm_settings.timezone)
	 * @return the end of the current period (null when the budget never resets): the
	 * database's, or the aligned resets that followed it
	 * ({@link BudgetDuration#nextReset})
	 */
	static @Nullable OffsetDateTime currentEnd(@Nullable OffsetDateTime resetAt, @Nullable String duration,
			OffsetDateTime now, ZoneId zone) {
		if (resetAt == null) {
			return null;
		}
		if (now.isBefore(resetAt) || duration == null) {
			return resetAt;
		}
		BudgetDuration period;
		try {
			period = BudgetDuration.parse(duration);
		}
		catch (IllegalArgumentException ex) {
			return resetAt;
		}
		ZonedDateTime end = resetAt.atZoneSameInstant(zone);
		for (int i = 0; i < MAX_STEPS && !end.toOffsetDateTime().isAfter(now); i++) {
			end = period.nextReset(end);
		}
		return end.toOffsetDateTime().isAfter(now) ? end.toOffsetDateTime()
				: period.nextReset(now.atZoneSameInstant(zone)).toOffsetDateTime();
	}

}
