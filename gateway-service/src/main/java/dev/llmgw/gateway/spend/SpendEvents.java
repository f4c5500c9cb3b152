package dev.llmgw.gateway.spend;

import org.jspecify.annotations.Nullable;

/**
 * Repairs for a spend event the database refused: PostgreSQL stores no NUL character in
 * text, whatever the column, and the spend log's columns have lengths
 * (db/migration/V2__spend_logs.sql).
 */
final class SpendEvents {

	private SpendEvents() {
	}

	/**
	 * The event with every NUL in its text replaced by U+FFFD and its text cut to what
	 * the columns hold.
	 */
	static SpendEvent repaired(SpendEvent event) {
		return new SpendEvent(clean(event.requestId(), 128), clean(event.callType(), 64), clean(event.status(), 16),
				clean(event.keyHash(), 64), clean(event.userId(), 255), clean(event.teamId(), 255),
				clean(event.endUser(), 255), event.cost(), event.usage(), event.startTime(), event.endTime(),
				clean(event.model(), 255), clean(event.modelId(), 255), clean(event.modelGroup(), 255),
				clean(event.provider(), 64), clean(event.apiBase(), 1024), event.cacheHit(),
				clean(event.cacheKey(), 512), event.guardrails(),
				event.tags().stream().map((tag) -> clean(tag, 255)).toList());
	}

	private static @Nullable String clean(@Nullable String text, int maxLength) {
		if (text == null) {
			return null;
		}
		String clean = text.replace('\0', '\uFFFD');
		return (clean.length() > maxLength) ? clean.substring(0, maxLength) : clean;
	}

}
