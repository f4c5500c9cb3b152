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

	/** The tables whose rows carry their own budget_reset_at. */
	private static final List<Budgets> TABLES = List.of(new Budgets("api_keys", "token", BudgetKind.KEY),
			new Budgets("users", "user_id", BudgetKind.USER), new Budgets("teams", "team_id", BudgetKind.TEAM));

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
		return Flux.fromIterable(TABLES)
			.concatMap((table) -> resetDue(table.table(), table.idColumn(), table.kind(), now))
			.then();
	}

	private Flux<Long> resetDue(String table, String key, BudgetKind kind, OffsetDateTime now) {
		return this.database
			.many((client) -> client.sql("SELECT " + key + " AS id, budget_reset_at, budget_duration FROM " + table
					+ " WHERE budget_reset_at <= :now")
				.bind("now", now)
				.fetch()
				.all())
			.concatMap((row) -> reset(table, key, kind, row, now));
	}

	private Mono<Long> reset(String table, String key, BudgetKind kind, Map<String, Object> row, OffsetDateTime now) {
		OffsetDateTime due = (OffsetDateTime) row.get("budget_reset_at");
		OffsetDateTime next = BudgetPeriods.currentEnd(due, (String) row.get("budget_duration"), now,
				this.clock.getZone());
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
						case KEY -> this.invalidation.keyChanged(id);
						case USER -> this.invalidation.userChanged(id);
						default -> this.invalidation.teamChanged(id);
					}
				}
			});
	}

	@Override
	public void close() {
		this.timer.dispose();
	}

	private record Budgets(String table, String idColumn, BudgetKind kind) {
	}

}
