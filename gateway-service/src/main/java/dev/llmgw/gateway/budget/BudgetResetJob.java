package dev.llmgw.gateway.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.auth.KeyInvalidation;
import dev.llmgw.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Writes budget resets to the database: every minute, keys, users and teams whose
 * budget_reset_at has passed get spend 0 and their next reset time. Admission already
 * treats a passed period as new (see BudgetPeriods), so this only brings the stored
 * figures up to date; the conditional update makes it safe on several instances.
 */
public final class BudgetResetJob implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(BudgetResetJob.class);

	private static final List<String[]> TABLES = List.of(new String[] { "api_keys", "token", "key" },
			new String[] { "users", "user_id", "user" }, new String[] { "teams", "team_id", "team" });

	private final Database database;

	private final KeyInvalidation invalidation;

	private final Clock clock;

	private final Disposable timer;

	public BudgetResetJob(Database database, KeyInvalidation invalidation, Clock clock, Duration interval) {
		this.database = database;
		this.invalidation = invalidation;
		this.clock = clock;
		this.timer = Flux.interval(interval, interval, Schedulers.single())
			.onBackpressureDrop()
			.concatMap((tick) -> run().onErrorResume((error) -> {
				log.warn("budget reset pass failed, will retry: {}", error.toString());
				return Mono.empty();
			}))
			.subscribe();
	}

	/** One pass over every table. */
	public Mono<Void> run() {
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		return Flux.fromIterable(TABLES).concatMap((table) -> resetDue(table[0], table[1], table[2], now)).then();
	}

	private Flux<Long> resetDue(String table, String key, String kind, OffsetDateTime now) {
		return this.database
			.many((client) -> client.sql("SELECT " + key + " AS id, budget_reset_at, budget_duration FROM " + table
					+ " WHERE budget_reset_at <= :now")
				.bind("now", now)
				.fetch()
				.all())
			.concatMap((row) -> reset(table, key, kind, row, now));
	}

	private Mono<Long> reset(String table, String key, String kind, Map<String, Object> row, OffsetDateTime now) {
		OffsetDateTime due = (OffsetDateTime) row.get("budget_reset_at");
		OffsetDateTime next = BudgetPeriods.currentEnd(due, (String) row.get("budget_duration"), now);
		String id = (String) row.get("id");
		return this.database.one((client) -> client
			.sql("UPDATE " + table + " SET spend = 0, budget_reset_at = :next WHERE " + key
					+ " = :id AND budget_reset_at = :due")
			.bind("next", next)
			.bind("id", id)
			.bind("due", due)
			.fetch()
			.rowsUpdated()).doOnNext((updated) -> {
				if (updated > 0) {
					switch (kind) {
						case "key" -> this.invalidation.keyChanged(id);
						case "user" -> this.invalidation.userChanged(id);
						default -> this.invalidation.teamChanged(id);
					}
				}
			});
	}

	@Override
	public void close() {
		this.timer.dispose();
	}

}
