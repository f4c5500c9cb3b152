package dev.llmgw.gateway.spend;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmgw.gateway.budget.BudgetKind;
import dev.llmgw.gateway.budget.PendingSpend;
import dev.llmgw.gateway.engine.GuardrailOutcome;
import dev.llmgw.gateway.logs.LogValues;
import dev.llmgw.gateway.storage.AdminTables;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.gateway.storage.SpendTables;
import dev.llmgw.model.openai.Usage;
import dev.llmgw.storage.Database;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Writes spend after responses, never delaying them: calls queue in memory and are
 * written every {@code flushInterval} in one transaction per batch, totals added to keys,
 * users, teams and end users and one spend-log row per call. A graceful shutdown writes
 * what is queued; a crash loses at most one interval's calls. A call the database refuses
 * is isolated and set aside rather than holding back the others; what is queued and not
 * yet written is known per budget ({@link PendingSpend}).
 * <p>
 * The queue holds at most {@link #MAX_QUEUED} calls (a database away for long, or slower
 * than the traffic). Past that a call's spend-log row is dropped and counted, but its
 * cost is still added up per key, model, user, team and end user and written to their
 * totals: budgets stay exact, memory stays bounded, and the response never waits.
 */
public final class SpendRecorder implements PendingSpend, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SpendRecorder.class);

	private static final int MAX_BATCH = 1000;

	private static final int MAX_SET_ASIDE = 1000;

	/** Calls queued at most; about 0.5 KB each. */
	private static final int MAX_QUEUED = 200_000;

	private static final long HURRY_MILLIS = 2_000;

	private static final TypeReference<Map<String, Object>> MODEL_SPEND = new TypeReference<>() {
	};

	private final RowStore rows;

	private final JsonMapper mapper;

	private final boolean spendLogs;

	private final ConcurrentLinkedQueue<SpendEvent> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final Disposable flusher;

	/** Per budget ("kind:id"), nano-dollars recorded and not yet written. */
	private final ConcurrentHashMap<String, Long> pending = new ConcurrentHashMap<>();

	/** Per budget in use lately, nano-dollars written: a running total. */
	private final Cache<String, AtomicLong> written = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(1))
		.maximumSize(100_000)
		.build();

	private final AtomicLong setAsideCount = new AtomicLong();

	/** The cost of calls that found the queue full, per whom it is charged to. */
	private final ConcurrentHashMap<Charged, DoubleAdder> overflow = new ConcurrentHashMap<>();

	/** The daily figures of calls that found the queue full, added up per row. */
	private final ConcurrentHashMap<DailySpend.Row, DailySpend.Totals> overflowDaily = new ConcurrentHashMap<>();

	private final AtomicLong droppedRows = new AtomicLong();

	/**
	 * Until when spend is written as it comes, not once an interval ({@link #hurry()}).
	 */
	private volatile long hurriedUntil;

	private final AtomicBoolean flushingSoon = new AtomicBoolean();

	/** The last calls that could not be written, for an operator to look at. */
	private final ArrayDeque<SpendEvent> setAside = new ArrayDeque<>();

	private final int maxQueued;

	public SpendRecorder(RowStore rows, JsonMapper mapper, boolean spendLogs, Duration flushInterval) {
		this(rows, mapper, spendLogs, flushInterval, MAX_QUEUED);
	}

	SpendRecorder(RowStore rows, JsonMapper mapper, boolean spendLogs, Duration flushInterval, int maxQueued) {
		this.maxQueued = maxQueued;
		this.rows = rows;
		this.mapper = mapper;
		this.spendLogs = spendLogs;
		this.flusher = Flux.interval(flushInterval, flushInterval, Schedulers.single())
			.onBackpressureDrop()
			.concatMap((tick) -> flush().onErrorResume((error) -> {
				log.warn("spend not written yet, will retry: {}", error.toString());
				return Mono.empty();
			}))
			.subscribe();
	}

	/** Queues a finished call; cheap and non-blocking, for the request path. */
	public void record(SpendEvent event) {
		charge(event, 1);
		if (this.queued.get() >= this.maxQueued) {
			fold(event);
			return;
		}
		this.queue.add(event);
		this.queued.incrementAndGet();
		if (System.currentTimeMillis() < this.hurriedUntil) {
			flushSoon();
		}
	}

	@Override
	public void hurry() {
		this.hurriedUntil = System.currentTimeMillis() + HURRY_MILLIS;
	}

	/**
	 * Starts a flush now, unless one started this way is still writing (it takes this).
	 */
	private void flushSoon() {
		if (this.flushingSoon.compareAndSet(false, true)) {
			flush().onErrorResume((error) -> Mono.empty())
				.doFinally((signal) -> this.flushingSoon.set(false))
				.subscribeOn(Schedulers.parallel())
				.subscribe();
		}
	}

	@Override
	public long pendingNanos(BudgetKind kind, String id) {
		Long nanos = this.pending.get(kind.of(id));
		return (nanos != null) ? nanos : 0;
	}

	/**
	 * Keeps only the cost of a call that found the queue full, added to the others
	 * charged to the same key, model, user, team and end user.
	 */
	private void fold(SpendEvent call) {
		// what is folded is written without its row, in a batch of its own that is never
		// split: it must be storable as it is
		SpendEvent event = SpendEvents.repaired(call);
		Charged charged = new Charged(event.keyHash(), event.modelGroup(), event.userId(), event.teamId(),
				event.endUser());
		// added under the map's lock, so that the writer taking the total cannot miss it
		this.overflow.compute(charged, (key, total) -> {
			DoubleAdder sum = (total != null) ? total : new DoubleAdder();
			sum.add(event.cost());
			return sum;
		});
		// without its tags: under overload the daily figures that bound budgets come
		// first, and a call's tags could make twenty rows of it
		DailySpend.add(this.overflowDaily, event.withoutTags());
		long dropped = this.droppedRows.incrementAndGet();
		if (dropped % 10_000 == 1) {
			log.warn("spend queue full ({} calls): spend-log rows dropped, their cost still added to the totals "
					+ "({} rows dropped so far)", this.maxQueued, dropped);
		}
	}

	/** How many calls' spend-log rows were dropped because the queue was full. */
	public long droppedRows() {
		return this.droppedRows.get();
	}

	/** How many calls' spend could not be written even alone, and was set aside. */
	public long setAsideCount() {
		return this.setAsideCount.get();
	}

	/** Writes everything queued so far. */
	public Mono<Void> flush() {
		// the queue is written even when the folded totals cannot be (they wait for the
		// next flush): one never holds up the other
		return writeOverflow().onErrorResume((error) -> {
			log.warn("spend of calls that found the queue full not written yet, will retry: {}", error.toString());
			return Mono.empty();
		}).then(flushQueue());
	}

	/**
	 * The totals of calls that found the queue full, without log rows; put back to be
	 * written later when the database does not take them.
	 */
	private Mono<Void> writeOverflow() {
		return Mono.defer(() -> {
			if (this.overflow.isEmpty() && this.overflowDaily.isEmpty()) {
				return Mono.empty();
			}
			List<SpendEvent> totals = new ArrayList<>();
			OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
			for (Charged charged : List.copyOf(this.overflow.keySet())) {
				DoubleAdder cost = this.overflow.remove(charged);
				if (cost != null) {
					totals.add(new SpendEvent("(queue full)", "acompletion", "success", charged.keyHash(),
							charged.userId(), charged.teamId(), charged.endUser(), cost.sum(), Usage.NONE, now, now,
							null, null, charged.modelGroup(), null, null));
				}
			}
			Map<DailySpend.Row, DailySpend.Totals> daily = new HashMap<>();
			for (DailySpend.Row row : List.copyOf(this.overflowDaily.keySet())) {
				DailySpend.Totals totalsOfRow = this.overflowDaily.remove(row);
				if (totalsOfRow != null) {
					daily.put(row, totalsOfRow);
				}
			}
			return write(totals, false, daily).doOnSuccess((done) -> written(totals)).onErrorResume((error) -> {
				daily.forEach((row, add) -> this.overflowDaily.compute(row, (key, held) -> {
					DailySpend.Totals sum = (held != null) ? held : new DailySpend.Totals();
					sum.add(add);
					return sum;
				}));
				totals.forEach((total) -> this.overflow.compute(new Charged(total.keyHash(), total.modelGroup(),
						total.userId(), total.teamId(), total.endUser()), (key, sum) -> {
							DoubleAdder back = (sum != null) ? sum : new DoubleAdder();
							back.add(total.cost());
							return back;
						}));
				return Mono.error(error);
			});
		});
	}

	/**
	 * Writes batches until the queue is empty. A loop of resubscriptions, not a chain
	 * that grows by a batch each time: a writer busy for long (sustained load) would
	 * otherwise keep every batch it wrote, rows and all, until the queue ran dry, and run
	 * the heap out.
	 */
	private Mono<Void> flushQueue() {
		return Mono.defer(() -> {
			List<SpendEvent> batch = new ArrayList<>();
			SpendEvent event;
			while (batch.size() < MAX_BATCH && (event = this.queue.poll()) != null) {
				batch.add(event);
			}
			if (batch.isEmpty()) {
				return Mono.just(false);
			}
			this.queued.addAndGet(-batch.size());
			return writeApart(batch).thenReturn(true);
		})
			// each batch is taken and built on the writer's thread, not on the database
			// driver's I/O thread that finished the previous one
			.subscribeOn(Schedulers.single())
			.repeat()
			.takeWhile((wrote) -> wrote)
			.then();
	}

	/**
	 * Writes a batch. When it fails while the database answers, one of its calls holds
	 * something the database refuses: the halves are written apart, down to the call that
	 * fails alone, which is set aside, so that no single call can stall the others. When
	 * the database does not answer, what is unwritten goes back in the queue: spend is
	 * counted once, late rather than never.
	 */
	private Mono<Void> writeApart(List<SpendEvent> batch) {
		return write(batch).doOnSuccess((done) -> written(batch)).onErrorResume((error) -> reachable().flatMap((up) -> {
			if (!up) {
				requeue(batch);
				return Mono.error(error);
			}
			if (batch.size() == 1) {
				return setAside(batch.get(0), error);
			}
			List<SpendEvent> first = List.copyOf(batch.subList(0, batch.size() / 2));
			List<SpendEvent> second = List.copyOf(batch.subList(batch.size() / 2, batch.size()));
			return writeApart(first).onErrorResume((stopped) -> {
				requeue(second);
				return Mono.error(stopped);
			}).then(Mono.defer(() -> writeApart(second)));
		}));
	}

	/**
	 * A call the database refuses even alone: written again with the text PostgreSQL
	 * cannot store (NUL, over-long values) repaired, so that its spend still counts; kept
	 * in memory and logged when even that fails (a call id written before, say).
	 */
	private Mono<Void> setAside(SpendEvent event, Throwable error) {
		SpendEvent cleaned = SpendEvents.repaired(event);
		Mono<Void> retry = cleaned.equals(event) ? Mono.error(error) : write(List.of(cleaned));
		return retry.doOnSuccess((done) -> {
			written(List.of(event));
			log.warn(
					"spend of call {} written repaired (NUL replaced, text cut to the columns): the database refused it ({})",
					LogValues.escape(event.requestId()), error.toString());
		}).onErrorResume((failed) -> chargeWithoutRow(cleaned).then(Mono.fromRunnable(() -> {
			written(List.of(event));
			long count = this.setAsideCount.incrementAndGet();
			synchronized (this.setAside) {
				if (this.setAside.size() >= MAX_SET_ASIDE) {
					this.setAside.removeFirst();
				}
				this.setAside.addLast(event);
			}
			log.error(
					"spend-log row of call {} set aside, not written ({} so far): {}; its cost was added to the "
							+ "totals unless its row was written before; the call: {}",
					LogValues.escape(event.requestId()), count, failed.toString(), LogValues.escape(event.toString()));
		})));
	}

	/**
	 * The cost of a call whose row cannot be written, added to the totals and daily
	 * figures without it: its call id was taken by another call (a caller may send any
	 * {@code x-litellm-call-id}, an old one too), and a caller must not escape its charge
	 * that way. Not when the row holds this very call, written by an attempt whose answer
	 * was lost: its cost was added then.
	 */
	private Mono<Void> chargeWithoutRow(SpendEvent event) {
		return this.rows.database()
			.one((client) -> client
				.sql("SELECT COUNT(*) AS found FROM spend_logs WHERE request_id = :id AND start_time = :start")
				.bind("id", event.requestId())
				.bind("start", event.startTime())
				.map((row) -> ((Number) row.get("found")).longValue())
				.first())
			.defaultIfEmpty(0L)
			.flatMap((found) -> (found > 0) ? Mono.<Void>empty()
					: write(List.of(event), false, DailySpend.of(List.of(event))))
			.onErrorResume((error) -> Mono.empty());
	}

	/** Whether the database answers at all, to tell a bad row from an outage. */
	private Mono<Boolean> reachable() {
		return this.rows.database()
			.one((client) -> client.sql("SELECT 1").map((row) -> true).first())
			.timeout(Duration.ofSeconds(5))
			.onErrorReturn(false)
			.defaultIfEmpty(false);
	}

	private void requeue(List<SpendEvent> events) {
		this.queue.addAll(events);
		this.queued.addAndGet(events.size());
	}

	private void written(List<SpendEvent> events) {
		for (SpendEvent event : events) {
			charge(event, -1);
		}
	}

	@Override
	public long writtenNanos(BudgetKind kind, String id) {
		AtomicLong total = this.written.getIfPresent(kind.of(id));
		return (total != null) ? total.get() : 0;
	}

	/** Adds a call's cost to what is pending for each of its budgets, or takes it off. */
	private void charge(SpendEvent event, int sign) {
		long nanos = Math.round(event.cost() * 1e9);
		if (nanos == 0) {
			return;
		}
		long delta = sign * nanos;
		if (event.keyHash() != null) {
			pend(BudgetKind.KEY.of(event.keyHash()), delta);
			if (event.modelGroup() != null) {
				pend(BudgetKind.MODEL_PER_KEY.of(event.keyHash() + ":" + event.modelGroup()), delta);
			}
		}
		if (event.userId() != null) {
			pend(BudgetKind.USER.of(event.userId()), delta);
		}
		if (event.teamId() != null) {
			pend(BudgetKind.TEAM.of(event.teamId()), delta);
		}
		if (event.endUser() != null) {
			pend(BudgetKind.END_USER.of(event.endUser()), delta);
		}
		pend(BudgetKind.PROXY.of("proxy"), delta);
	}

	private void pend(String budget, long delta) {
		if (delta < 0) {
			this.written.get(budget, (key) -> new AtomicLong()).addAndGet(-delta);
		}
		// a budget with nothing pending leaves the map, so it holds only what is in
		// flight
		this.pending.compute(budget, (key, old) -> {
			long sum = ((old != null) ? old : 0) + delta;
			return (sum == 0) ? null : sum;
		});
	}

	/** Writes a batch of calls: their rows, totals and daily figures. */
	private Mono<Void> write(List<SpendEvent> batch) {
		return write(batch, true, DailySpend.of(batch));
	}

	/**
	 * @param logRows whether the calls get spend-log rows (not the totals of calls that
	 * found the queue full)
	 * @param daily what the calls add to the daily figures
	 */
	private Mono<Void> write(List<SpendEvent> batch, boolean logRows, Map<DailySpend.Row, DailySpend.Totals> daily) {
		// sorted, as the daily figures are: two instances (or two flushes) adding to the
		// same rows lock them in one order, and wait for each other rather than deadlock
		Map<String, Double> keys = new TreeMap<>();
		Map<String, Double> users = new TreeMap<>();
		Map<String, Double> teams = new TreeMap<>();
		Map<String, Double> endUsers = new TreeMap<>();
		Map<String, Map<String, Double>> keyModels = new TreeMap<>();
		for (SpendEvent event : batch) {
			if (event.keyHash() != null && event.modelGroup() != null && event.cost() != 0) {
				keyModels.computeIfAbsent(event.keyHash(), (key) -> new HashMap<>())
					.merge(event.modelGroup(), event.cost(), Double::sum);
			}
			add(keys, event.keyHash(), event.cost());
			add(users, event.userId(), event.cost());
			add(teams, event.teamId(), event.cost());
			add(endUsers, event.endUser(), event.cost());
		}
		List<Map<String, @Nullable Object>> rowsToLog = new ArrayList<>();
		if (this.spendLogs && logRows) {
			batch.forEach((event) -> rowsToLog.add(row(event)));
		}
		Database database = this.rows.database();
		return database
			.inTransaction((client) -> this.rows.insertAll(client, SpendTables.SPEND_LOGS, rowsToLog)
				.thenMany(Flux.fromIterable(keys.entrySet())
					.concatMap((entry) -> increment(client, "api_keys", "token", entry.getKey(), entry.getValue())))
				.thenMany(Flux.fromIterable(keyModels.entrySet())
					.concatMap((entry) -> addModelSpend(client, entry.getKey(), entry.getValue())))
				.thenMany(Flux.fromIterable(users.entrySet())
					.concatMap((entry) -> increment(client, "users", "user_id", entry.getKey(), entry.getValue())))
				.thenMany(Flux.fromIterable(teams.entrySet())
					.concatMap((entry) -> increment(client, "teams", "team_id", entry.getKey(), entry.getValue())))
				.thenMany(Flux.fromIterable(endUsers.entrySet())
					.concatMap((entry) -> chargeEndUser(client, entry.getKey(), entry.getValue())))
				.then(DailySpend.write(client, daily, OffsetDateTime.now(ZoneOffset.UTC)))
				.then(Mono.just(true)))
			.then(Flux.fromIterable(keys.entrySet())
				.concatMap((entry) -> softBudgetAlert("api_keys", "token", entry.getKey(), entry.getValue()))
				.thenMany(Flux.fromIterable(teams.entrySet())
					.concatMap((entry) -> softBudgetAlert("teams", "team_id", entry.getKey(), entry.getValue())))
				.onErrorResume((error) -> Mono.empty())
				.then());
	}

	/**
	 * Logs a warning when this batch took a key or team past its soft_budget: an alert,
	 * never a refusal (shared/spec/admin-api.md §2.1).
	 */
	private Mono<Void> softBudgetAlert(String table, String key, String id, double amount) {
		return this.rows.database()
			.one((client) -> client
				.sql("SELECT spend, soft_budget FROM " + table + " WHERE " + key
						+ " = :id AND soft_budget IS NOT NULL AND spend >= soft_budget")
				.bind("id", id)
				.map((row) -> new double[] { ((Number) row.get("spend")).doubleValue(),
						((Number) row.get("soft_budget")).doubleValue() })
				.first())
			.doOnNext((found) -> {
				if (found[0] - amount < found[1]) {
					String who = table.equals("api_keys") ? "key " + id.substring(0, 12) + "..." : "team " + id;
					log.warn("soft budget crossed: {} has spent {} of its soft_budget {}", LogValues.escape(who),
							found[0], found[1]);
				}
			})
			.then();
	}

	private static Mono<Long> increment(DatabaseClient client, String table, String key, String id, double amount) {
		return client.sql("UPDATE " + table + " SET spend = spend + :amount WHERE " + key + " = :id")
			.bind("amount", amount)
			.bind("id", id)
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Adds to a key's spend per model group (its model_spend), locking the row for the
	 * read and the write so that instances flushing at once do not overwrite each other.
	 */
	private Mono<Long> addModelSpend(DatabaseClient client, String token, Map<String, Double> amounts) {
		return client.sql("SELECT model_spend FROM api_keys WHERE token = :token FOR UPDATE")
			.bind("token", token)
			.map((row) -> String.valueOf(row.get("model_spend", String.class)))
			.first()
			.flatMap((json) -> {
				Map<String, Object> spend = new HashMap<>(this.mapper.readValue(json, MODEL_SPEND));
				amounts.forEach((model, amount) -> spend.merge(model, amount,
						(old, add) -> ((Number) old).doubleValue() + ((Number) add).doubleValue()));
				return client.sql("UPDATE api_keys SET model_spend = :spend WHERE token = :token")
					.bind("spend", this.mapper.writeValueAsString(spend))
					.bind("token", token)
					.fetch()
					.rowsUpdated();
			});
	}

	/**
	 * End users are tracked even when never created (LiteLLM), so an unknown one gets a
	 * row.
	 */
	private Mono<Long> chargeEndUser(DatabaseClient client, String endUser, double amount) {
		return increment(client, "customers", "user_id", endUser, amount).flatMap((updated) -> {
			if (updated > 0) {
				return Mono.just(updated);
			}
			Map<String, @Nullable Object> customer = new LinkedHashMap<>();
			java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
			customer.put("user_id", endUser);
			customer.put("blocked", false);
			customer.put("spend", amount);
			customer.put("created_at", now);
			customer.put("updated_at", now);
			return this.rows.insert(client, AdminTables.CUSTOMERS, customer).thenReturn(1L);
		});
	}

	private static Map<String, @Nullable Object> row(SpendEvent event) {
		Map<String, @Nullable Object> row = new LinkedHashMap<>();
		row.put("request_id", event.requestId());
		row.put("call_type", event.callType());
		row.put("status", event.status());
		row.put("api_key", event.keyHash());
		row.put("user_id", event.userId());
		row.put("team_id", event.teamId());
		row.put("end_user", event.endUser());
		row.put("spend", event.cost());
		row.put("prompt_tokens", event.usage().promptTokens());
		row.put("completion_tokens", event.usage().completionTokens());
		row.put("total_tokens", event.usage().totalTokens());
		row.put("start_time", event.startTime());
		row.put("end_time", event.endTime());
		row.put("model", event.model());
		row.put("model_id", event.modelId());
		row.put("model_group", event.modelGroup());
		row.put("custom_llm_provider", event.provider());
		row.put("api_base", event.apiBase());
		row.put("metadata", metadata(event));
		// LiteLLM's spellings: "True" / "False", and "Cache OFF" for a call the cache did
		// not key
		row.put("cache_hit", event.cacheHit() ? "True" : "False");
		row.put("cache_key", (event.cacheKey() != null) ? event.cacheKey() : "Cache OFF");
		row.put("request_tags", event.tags());
		return row;
	}

	/**
	 * A row's metadata: LiteLLM's {@code guardrail_information}, one entry per guardrail
	 * that ran, with LiteLLM's statuses and the gateway's own verdict.
	 */
	private static Map<String, Object> metadata(SpendEvent event) {
		if (event.guardrails().isEmpty()) {
			return Map.of();
		}
		List<Map<String, Object>> guardrails = new java.util.ArrayList<>();
		for (GuardrailOutcome outcome : event.guardrails()) {
			String status = switch (outcome.verdict()) {
				case "passed" -> "success";
				case "failed", "failed_open" -> "guardrail_failed_to_respond";
				default -> "guardrail_intervened";
			};
			guardrails
				.add(Map.of("guardrail_name", outcome.name(), "guardrail_mode", outcome.mode(), "guardrail_status",
						status, "guardrail_action", outcome.verdict(), "duration", outcome.millis() / 1000.0));
		}
		return Map.of("guardrail_information", guardrails);
	}

	private static void add(Map<String, Double> totals, @Nullable String id, double amount) {
		if (id != null && amount != 0) {
			totals.merge(id, amount, Double::sum);
		}
	}

	/** Stops the timer and writes what is left, as part of a graceful shutdown. */
	@Override
	public void close() {
		this.flusher.dispose();
		try {
			flush().block(Duration.ofSeconds(30));
		}
		catch (RuntimeException ex) {
			log.error("{} calls' spend could not be written at shutdown: {}", this.queued.get(), ex.toString());
		}
	}

	/**
	 * Whom a call's cost is charged to, for the totals of calls that found the queue
	 * full.
	 */
	private record Charged(@Nullable String keyHash, @Nullable String modelGroup, @Nullable String userId,
			@Nullable String teamId, @Nullable String endUser) {

	}

}
