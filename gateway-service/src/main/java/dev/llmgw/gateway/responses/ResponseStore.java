package dev.llmgw.gateway.responses;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.llmgw.gateway.error.RequestTooLargeError;
import dev.llmgw.gateway.storage.Column;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.gateway.storage.Table;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Stored responses (db/migration/V11__responses.sql), each owned by the key that made it:
 * every read names the owner, so another key's response is simply not found; an owner of
 * null (a proxy admin, as LiteLLM lets admins) reads any response. A conversation is read
 * back in one recursive query along its previous_response_id links, at most
 * {@value #MAX_CHAIN} responses deep and at most as much text as one request may carry.
 */
final class ResponseStore {

	/** The most responses a conversation reads back: deeper turns are left out. */
	static final int MAX_CHAIN = 500;

	static final Table TABLE = Table.of("responses", "response_id",
			List.of(Column.text("response_id"), Column.text("owner"), Column.text("previous_response_id"),
					Column.text("model"), Column.list("input_items"), Column.map("response"),
					Column.timestamp("created_at")));

	/**
	 * The chain's rows with how deep each lies and the text read so far: the recursion
	 * stops at {@value #MAX_CHAIN} rows or once the text passes the limit, so that a
	 * conversation never loads much more than one request may carry.
	 */
	private static final String CHAIN = """
			WITH RECURSIVE chain (response_id, owner, previous_response_id, model, input_items, response, created_at,
			depth, total) AS (
			SELECT response_id, owner, previous_response_id, model, input_items, response, created_at, 1,
			CAST(LENGTH(input_items) + LENGTH(response) AS BIGINT)
			FROM responses WHERE response_id = :id%1$s
			UNION ALL
			SELECT r.response_id, r.owner, r.previous_response_id, r.model, r.input_items, r.response, r.created_at,
			c.depth + 1, c.total + LENGTH(r.input_items) + LENGTH(r.response)
			FROM responses r JOIN chain c ON r.response_id = c.previous_response_id
			WHERE c.depth < %2$d AND c.total <= :limit%3$s)
			SELECT response_id, owner, previous_response_id, model, input_items, response, created_at,
			CAST(depth AS BIGINT) AS depth, CAST(total AS BIGINT) AS total
			FROM chain ORDER BY depth DESC""";

	private static final Table CHAIN_ROWS = Table.of("chain", "response_id",
			List.of(Column.text("response_id"), Column.text("previous_response_id"), Column.list("input_items"),
					Column.map("response"), Column.bigint("depth"), Column.bigint("total")));

	private static final String OWNED_CHAIN = CHAIN.formatted(" AND owner = :owner", MAX_CHAIN,
			" AND r.owner = :owner");

	private static final String ANY_CHAIN = CHAIN.formatted("", MAX_CHAIN, "");

	/** The most writes under way at once. */
	static final int MOST_WRITING = 10_000;

	/** The most rows one statement writes. */
	static final int BATCH = 100;

	/** How long a read that missed waits before it looks again. */
	static final Duration RETRY_AFTER = Duration.ofMillis(150);

	private final RowStore rows;

	private final Clock clock;

	/** This instance's writes under way, by response id. */
	private final Map<String, Mono<Void>> writing = new ConcurrentHashMap<>();

	/** The rows waiting for the next batch. */
	private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();

	/** Whether a batch is being written. */
	private final AtomicBoolean flushing = new AtomicBoolean();

	/** The most text a conversation may bring back, in characters. */
	private final long historyLimit;

	ResponseStore(RowStore rows, Clock clock, long historyLimit) {
		this.rows = rows;
		this.clock = clock;
		this.historyLimit = historyLimit;
	}

	/**
	 * Starts keeping a response and returns at once: the caller gets its answer without
	 * waiting for the database's commit (a few milliseconds, most of a stored call's
	 * cost). Until the write has ended, reads of the response on this instance wait for
	 * it; a read elsewhere that misses looks once more a moment later.
	 * @param failed told when the write fails (the answer was sent; the stored copy is
	 * lost)
	 * @return whether the write was started: not while {@value #MOST_WRITING} are under
	 * way (a database that stopped answering must not fill the heap)
	 */
	boolean save(String owner, String id, String model, @Nullable String previous,
			Map<String, @Nullable Object> response, List<ResponseItem> input, Consumer<Throwable> failed) {
		if (this.writing.size() >= MOST_WRITING) {
			failed.accept(new IllegalStateException(MOST_WRITING + " stored responses are still being written"));
			return false;
		}
		Map<String, @Nullable Object> row = new LinkedHashMap<>();
		row.put("response_id", id);
		row.put("owner", owner);
		row.put("previous_response_id", previous);
		row.put("model", model);
		row.put("input_items", input.stream().map(ResponseItem::toWire).toList());
		row.put("response", response);
		row.put("created_at", RowStore.now(this.clock));
		Sinks.Empty<Void> written = Sinks.empty();
		Mono<Void> write = written.asMono().doFinally((signal) -> this.writing.remove(id)).cache();
		this.writing.put(id, write);
		write.subscribe();
		this.queue.add(new Pending(row, written, failed));
		flush();
		return true;
	}

	/**
	 * Writes what is queued, a batch of up to {@value #BATCH} rows in one statement, one
	 * batch at a time: under load many responses share a commit (and the statement's
	 * positional binds cost far less than one INSERT each). A batch the database refuses
	 * is written again row by row, so that one bad row loses only itself.
	 */
	private void flush() {
		if (!this.flushing.compareAndSet(false, true)) {
			return;
		}
		List<Pending> batch = new ArrayList<>();
		for (Pending next = this.queue.poll(); next != null; next = (batch.size() < BATCH) ? this.queue.poll() : null) {
			batch.add(next);
		}
		if (batch.isEmpty()) {
			this.flushing.set(false);
			if (!this.queue.isEmpty()) {
				flush();
			}
			return;
		}
		List<Map<String, @Nullable Object>> rows = batch.stream().map(Pending::row).toList();
		this.rows.database()
			.one((client) -> this.rows.insertAll(client, TABLE, rows).thenReturn(Boolean.TRUE))
			.then()
			.onErrorResume((error) -> (batch.size() == 1) ? failed(batch.get(0), error)
					: Flux.fromIterable(batch)
						.concatMap((pending) -> this.rows.insert(TABLE, pending.row())
							.onErrorResume((single) -> failed(pending, single)))
						.then())
			.doFinally((signal) -> {
				batch.forEach((pending) -> pending.written().tryEmitEmpty());
				this.flushing.set(false);
				flush();
			})
			.subscribe();
	}

	private static Mono<Void> failed(Pending pending, Throwable error) {
		pending.failed().accept(error);
		return Mono.empty();
	}

	/** A row waiting for its batch, and who waits for it. */
	private record Pending(Map<String, @Nullable Object> row, Sinks.Empty<Void> written, Consumer<Throwable> failed) {

	}

	/** Waits for this instance's write of a response, if one is under way. */
	private Mono<Void> written(String id) {
		Mono<Void> write = this.writing.get(id);
		return (write != null) ? write : Mono.empty();
	}

	/**
	 * A read that found nothing, tried once more a moment later: the response may have
	 * been answered by another instance whose write has not yet committed.
	 */
	private static <T> Mono<T> orOnceMore(Mono<T> read) {
		return read.switchIfEmpty(Mono.defer(() -> Mono.delay(RETRY_AFTER).then(read)));
	}

	/** A response the owner stored, or empty. */
	Mono<Map<String, @Nullable Object>> find(@Nullable String owner, String id) {
		String where = (owner != null) ? " AND owner = :owner" : "";
		return written(id).then(orOnceMore(Mono.defer(() -> this.rows
			.query("SELECT * FROM responses WHERE response_id = :id" + where, binds(owner, id), TABLE)
			.next())));
	}

	/** Whether the owner's response was there to delete. */
	Mono<Boolean> delete(@Nullable String owner, String id) {
		String where = (owner != null) ? " AND owner = :owner" : "";
		return written(id).then(this.rows.database().one((client) -> {
			var spec = client.sql("DELETE FROM responses WHERE response_id = :id" + where).bind("id", id);
			return ((owner != null) ? spec.bind("owner", owner) : spec).fetch().rowsUpdated();
		})).map((deleted) -> deleted > 0);
	}

	private static Map<String, Object> binds(@Nullable String owner, String id) {
		return (owner != null) ? Map.of("id", id, "owner", owner) : Map.of("id", id);
	}

	/**
	 * The conversation a response ends: each stored response's input and output items,
	 * oldest first; empty when the owner has no such response.
	 */
	Mono<List<ResponseItem>> conversation(@Nullable String owner, String id) {
		Map<String, Object> binds = new LinkedHashMap<>(binds(owner, id));
		binds.put("limit", this.historyLimit);
		return written(id).then(orOnceMore(
				Mono.defer(() -> this.rows.query((owner != null) ? OWNED_CHAIN : ANY_CHAIN, binds, CHAIN_ROWS)
					.collectList()
					.filter((chain) -> !chain.isEmpty()))))
			.map((chain) -> {
				if (!chain.isEmpty() && chain.get(0).get("total") instanceof Number total
						&& total.longValue() > this.historyLimit) {
					throw new RequestTooLargeError("The conversation before '" + id + "' is longer than a request may "
							+ "be (" + this.historyLimit / (1024 * 1024) + " MB): start a new one, or send the "
							+ "turns that matter as input");
				}
				return chain;
			})
			.map(ResponseStore::items);
	}

	private static List<ResponseItem> items(List<Map<String, @Nullable Object>> chain) {
		List<ResponseItem> items = new ArrayList<>();
		for (Map<String, @Nullable Object> row : chain) {
			items.addAll(inputItems(row));
			if (row.get("response") instanceof Map<?, ?> response && response.get("output") instanceof List<?> out) {
				for (Object item : out) {
					items.add(ResponseItems.item(item, "output"));
				}
			}
		}
		return items;
	}

	static List<ResponseItem> inputItems(Map<String, @Nullable Object> row) {
		List<ResponseItem> items = new ArrayList<>();
		if (row.get("input_items") instanceof List<?> input) {
			for (Object item : input) {
				items.add(ResponseItems.item(item, "input"));
			}
		}
		return items;
	}

}
