package dev.llmgw.gateway.admin;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.llmgw.gateway.config.BudgetDuration;
import dev.llmgw.gateway.storage.RowStore;

/**
 * The time the admin API writes into rows: UTC, truncated to what both databases store,
 * so that a row answered at once equals the row read back later.
 */
public final class AdminClock {

	private final Clock clock;

	private final ZoneId budgetZone;

	/**
	 * @param budgetZone where budgets' midnights fall (litellm_settings.timezone)
	 */
	public AdminClock(Clock clock, ZoneId budgetZone) {
		this.clock = clock;
		this.budgetZone = budgetZone;
	}

	/**
	 * When a budget with this period set now first resets: LiteLLM's aligned boundaries
	 * in the budget zone.
	 */
	public OffsetDateTime firstReset(BudgetDuration period) {
		return period.nextReset(now().atZoneSameInstant(this.budgetZone)).toOffsetDateTime();
	}

	public OffsetDateTime now() {
		return RowStore.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
