package dev.llmgw.gateway.admin;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.llmgw.gateway.storage.RowStore;

/**
 * The time the admin API writes into rows: UTC, truncated to what both databases store,
 * so that a row answered at once equals the row read back later.
 */
public final class AdminClock {

	private final Clock clock;

	public AdminClock(Clock clock) {
		this.clock = clock;
	}

	public OffsetDateTime now() {
		return RowStore.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
