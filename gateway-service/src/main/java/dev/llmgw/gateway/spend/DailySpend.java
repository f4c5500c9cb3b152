package dev.llmgw.gateway.spend;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.web.CallIds;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * LiteLLM's daily activity (db/migration/V5__daily_spend.sql): per UTC day, user (team,
 * end user), key, model and provider, the calls' tokens, spend and request counts. The
 * spend writer adds a batch's calls up here first and then writes one row change per
 * combination in the batch's own transaction, so a batch of a thousand calls of one key
 * and model is one statement per table, and the daily figures and the spend-log rows are
 * written together or not at all. A row is added to where it exists and made where it
 * does not; two instances making the same row at once both end up adding to it.
 */
final class DailySpend {

	/** Whose day a row counts, and the table that holds it. */
	enum Owner {

		USER("daily_user_spend", "user_id"), TEAM("daily_team_spend", "team_id"),
		END_USER("daily_end_user_spend", "end_user_id"), TAG("daily_tag_spend", "tag");

		private final String table;

		private final String column;

		Owner(String table, String column) {
			this.table = table;
			this.column = column;
		}

	}

	/**
	 * One row: absent values are '' (a unique index would let rows with NULLs repeat).
	 *
	 * @param owner whose day
	 * @param ownerId the user, team or end user
	 * @param date the UTC day, yyyy-MM-dd
	 * @param apiKey the key's SHA-256
	 * @param model the provider's model id
	 * @param provider the provider
	 */
	record Row(Owner owner, String ownerId, String date, String apiKey, String model, String provider) {

	}

	/** What the calls of one row add to it. */
	static final class Totals {

		private @Nullable String modelGroup;

		private long promptTokens;

		private long completionTokens;

		private double spend;

		private long requests;

		private long successes;

		synchronized void add(SpendEvent event) {
			if (event.modelGroup() != null) {
				this.modelGroup = event.modelGroup();
			}
			this.promptTokens += event.usage().promptTokens();
			this.completionTokens += event.usage().completionTokens();
			this.spend += event.cost();
			this.requests++;
			if ("success".equals(event.status())) {
				this.successes++;
			}
		}

		synchronized void add(Totals other) {
			synchronized (other) {
				if (other.modelGroup != null) {
					this.modelGroup = other.modelGroup;
				}
				this.promptTokens += other.promptTokens;
				this.completionTokens += other.completionTokens;
				this.spend += other.spend;
				this.requests += other.requests;
				this.successes += other.successes;
			}
		}

	}

	private static final Comparator<Row> ORDER = Comparator.comparing((Row row) -> row.owner().table)
		.thenComparing(Row::ownerId)
		.thenComparing(Row::date)
		.thenComparing(Row::apiKey)
		.thenComparing(Row::model)
		.thenComparing(Row::provider);

	private DailySpend() {
	}

	/** A batch's calls, added up per row. */
	static Map<Row, Totals> of(Iterable<SpendEvent> batch) {
		Map<Row, Totals> rows = new HashMap<>();
		batch.forEach((event) -> add(rows, event));
		return rows;
	}

	/**
	 * Adds a call to the rows of its day: its user's (a call without one counts under
	 * ''), and its team's and end user's when it has them.
	 */
	static void add(Map<Row, Totals> rows, SpendEvent event) {
		String date = event.startTime().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString();
		String key = orEmpty(event.keyHash());
		String model = orEmpty(event.model());
		String provider = orEmpty(event.provider());
		add(rows, new Row(Owner.USER, orEmpty(event.userId()), date, key, model, provider), event);
		if (event.teamId() != null) {
			add(rows, new Row(Owner.TEAM, event.teamId(), date, key, model, provider), event);
		}
		if (event.endUser() != null) {
			add(rows, new Row(Owner.END_USER, event.endUser(), date, key, model, provider), event);
		}
		for (String tag : event.tags()) {
			add(rows, new Row(Owner.TAG, tag, date, key, model, provider), event);
		}
	}

	/**
	 * Adds under the map's lock (for a concurrent map, the spend writer's full-queue
	 * totals), so that a writer taking the row out cannot miss the addition.
	 */
	private static void add(Map<Row, Totals> rows, Row row, SpendEvent event) {
		rows.compute(row, (key, totals) -> {
			Totals sum = (totals != null) ? totals : new Totals();
			sum.add(event);
			return sum;
		});
	}

	/**
	 * Adds the totals to their rows, within the caller's transaction, in one order on
	 * every instance, so that two batches changing the same rows wait for each other
	 * rather than deadlock.
	 */
	static Mono<Void> write(DatabaseClient client, Map<Row, Totals> rows, OffsetDateTime now) {
		List<Map.Entry<Row, Totals>> ordered = new ArrayList<>(rows.entrySet());
		ordered.sort(Map.Entry.comparingByKey(ORDER));
		return Flux.fromIterable(ordered)
			.concatMap((entry) -> write(client, entry.getKey(), entry.getValue(), now))
			.then();
	}

	/**
	 * Adds to the row; makes it when there is none; adds again when another instance made
	 * it in between (the insert then did nothing).
	 */
	private static Mono<Void> write(DatabaseClient client, Row row, Totals totals, OffsetDateTime now) {
		return update(client, row, totals, now)
			.flatMap((updated) -> (updated > 0) ? Mono.just(1L)
					: insert(client, row, totals, now)
						.flatMap((inserted) -> (inserted > 0) ? Mono.just(inserted) : update(client, row, totals, now)))
			.then();
	}

	private static Mono<Long> update(DatabaseClient client, Row row, Totals totals, OffsetDateTime now) {
		String table = row.owner().table;
		GenericExecuteSpec spec = client.sql("UPDATE " + table + " SET prompt_tokens = prompt_tokens + :prompt, "
				+ "completion_tokens = completion_tokens + :completion, spend = spend + :spend, "
				+ "api_requests = api_requests + :requests, successful_requests = successful_requests + :successes, "
				+ "failed_requests = failed_requests + :failures, model_group = COALESCE(:model_group, model_group), "
				+ "updated_at = :now WHERE " + row.owner().column + " = :owner AND date = :date AND api_key = :api_key "
				+ "AND model = :model AND custom_llm_provider = :provider");
		return bind(spec, row, totals, now).fetch().rowsUpdated();
	}

	private static Mono<Long> insert(DatabaseClient client, Row row, Totals totals, OffsetDateTime now) {
		String table = row.owner().table;
		GenericExecuteSpec spec = client.sql("INSERT INTO " + table + " (id, " + row.owner().column
				+ ", date, api_key, model, model_group, custom_llm_provider, prompt_tokens, completion_tokens, spend, "
				+ "api_requests, successful_requests, failed_requests, created_at, updated_at) VALUES (:id, :owner, "
				+ ":date, :api_key, :model, :model_group, :provider, :prompt, :completion, :spend, :requests, "
				+ ":successes, :failures, :now, :now) ON CONFLICT DO NOTHING");
		return bind(spec.bind("id", CallIds.next()), row, totals, now).fetch().rowsUpdated();
	}

	private static GenericExecuteSpec bind(GenericExecuteSpec spec, Row row, Totals totals, OffsetDateTime now) {
		synchronized (totals) {
			GenericExecuteSpec bound = spec.bind("prompt", totals.promptTokens)
				.bind("completion", totals.completionTokens)
				.bind("spend", totals.spend)
				.bind("requests", totals.requests)
				.bind("successes", totals.successes)
				.bind("failures", totals.requests - totals.successes)
				.bind("now", now)
				.bind("owner", row.ownerId())
				.bind("date", row.date())
				.bind("api_key", row.apiKey())
				.bind("model", row.model())
				.bind("provider", row.provider());
			return (totals.modelGroup != null) ? bound.bind("model_group", totals.modelGroup)
					: bound.bindNull("model_group", String.class);
		}
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
