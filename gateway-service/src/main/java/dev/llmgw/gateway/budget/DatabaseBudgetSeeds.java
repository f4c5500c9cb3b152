package dev.llmgw.gateway.budget;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.llmgw.storage.Database;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Budgets' spend as the database holds it: the spend column of the key, user, team or end
 * user (zero when its period has ended and the reset job has not yet written the new
 * one), and the spend logs of the period for the proxy and a key's per-model budgets,
 * which have no column.
 */
public final class DatabaseBudgetSeeds implements BudgetSeeds {

	private final Database database;

	public DatabaseBudgetSeeds(Database database) {
		this.database = database;
	}

	@Override
	public Mono<Long> spentNanos(BudgetCheck check) {
		return switch (check.kind()) {
			case KEY -> column(check, "SELECT spend, budget_reset_at FROM api_keys WHERE token = :id");
			case USER -> column(check, "SELECT spend, budget_reset_at FROM users WHERE user_id = :id");
			case TEAM -> column(check, "SELECT spend, budget_reset_at FROM teams WHERE team_id = :id");
			case END_USER -> column(check, "SELECT c.spend AS spend, b.budget_reset_at AS budget_reset_at "
					+ "FROM customers c LEFT JOIN budgets b ON b.budget_id = c.budget_id WHERE c.user_id = :id");
			case PROXY ->
				logs(check, "SELECT COALESCE(SUM(spend), 0) AS total FROM spend_logs " + "WHERE start_time >= :start",
						null, null);
			case MODEL_PER_KEY -> {
				int colon = check.id().indexOf(':');
				yield logs(check,
						"SELECT COALESCE(SUM(spend), 0) AS total FROM spend_logs "
								+ "WHERE api_key = :key AND model_group = :model AND start_time >= :start",
						check.id().substring(0, colon), check.id().substring(colon + 1));
			}
		};
	}

	private Mono<Long> column(BudgetCheck check, String sql) {
		return this.database
			.one((client) -> client.sql(sql).bind("id", check.id()).map((row) -> spent(check, row)).first())
			.defaultIfEmpty(0L);
	}

	private static long spent(BudgetCheck check, Readable row) {
		Number spend = row.get("spend", Number.class);
		OffsetDateTime resetAt = row.get("budget_reset_at", OffsetDateTime.class);
		if (check.period() != 0 && resetAt != null && resetAt.toEpochSecond() < check.period()) {
			// the database still holds the period that ended: the current one starts
			// empty
			return 0L;
		}
		return (spend != null) ? BudgetCheck.nanos(spend.doubleValue()) : 0L;
	}

	private Mono<Long> logs(BudgetCheck check, String sql, @Nullable String key, @Nullable String model) {
		OffsetDateTime start = OffsetDateTime.ofInstant(Instant.ofEpochSecond(check.periodStart()), ZoneOffset.UTC);
		return this.database.one((client) -> {
			var statement = client.sql(sql).bind("start", start);
			if (key != null) {
				statement = statement.bind("key", key).bind("model", model);
			}
			return statement.map((row) -> BudgetCheck.nanos(row.get("total", Number.class).doubleValue())).first();
		}).defaultIfEmpty(0L);
	}

}
