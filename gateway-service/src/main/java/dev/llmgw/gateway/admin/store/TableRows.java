package dev.llmgw.gateway.admin.store;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.gateway.storage.Table;
import dev.llmgw.storage.Database;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * One admin table's rows as records: what every entity's store shares. Reads and writes
 * go through {@link RowStore}, which knows how each column travels to SQL; this turns its
 * maps into the table's row record and back.
 *
 * @param <R> the table's row record
 */
public class TableRows<R extends AdminRow> {

	private final RowStore rows;

	private final Table table;

	private final Function<Map<String, @Nullable Object>, R> reader;

	public TableRows(RowStore rows, Table table, Function<Map<String, @Nullable Object>, R> reader) {
		this.rows = rows;
		this.table = table;
		this.reader = reader;
	}

	/** For statements that must run in one transaction with others. */
	public Database database() {
		return this.rows.database();
	}

	/** The row with this primary key, empty when there is none. */
	public Mono<R> find(Object id) {
		return this.rows.find(this.table, id).map(this.reader);
	}

	/** The first row whose column holds the value, empty when there is none. */
	public Mono<R> findFirst(String column, Object value) {
		return this.rows.findFirst(this.table, column, value).map(this.reader);
	}

	/**
	 * Rows matching all the given column values (none: every row), newest first when the
	 * table has created_at.
	 */
	public Flux<R> findAll(Map<String, Object> where, int limit, long offset) {
		return this.rows.findAll(this.table, where, limit, offset).map(this.reader);
	}

	/** A page of the matching rows, newest first (see {@link RowStore#findNewest}). */
	public Flux<R> findNewest(Map<String, Object> where, int limit, long offset) {
		return this.rows.findNewest(this.table, where, limit, offset).map(this.reader);
	}

	public Mono<Long> count(Map<String, Object> where) {
		return this.rows.count(this.table, where);
	}

	/**
	 * A query's rows, read as this table's rows.
	 * @param select the query, its values named and given in {@code binds}, with its own
	 * LIMIT
	 */
	public Flux<R> query(String select, Map<String, Object> binds) {
		return this.rows.query(select, binds, this.table).map(this.reader);
	}

	/**
	 * One page of a query's rows and the whole query's count (see {@link RowStore#page}).
	 */
	public Mono<Page<R>> page(String select, String count, Map<String, Object> binds, int limit, long offset) {
		return this.rows.page(select, count, binds, limit, offset, this.table)
			.map((page) -> new Page<>(page.rows().stream().map(this.reader).toList(), page.total()));
	}

	public Mono<Void> insert(R row) {
		return this.rows.insert(this.table, row.columns());
	}

	public Mono<Void> insert(DatabaseClient client, R row) {
		return this.rows.insert(client, this.table, row.columns());
	}

	/** Writes the given columns of one row; the others keep their values. */
	public Mono<Long> update(Object id, Map<String, @Nullable Object> changes) {
		return this.rows.update(this.table, id, changes);
	}

	public Mono<Long> update(DatabaseClient client, Object id, Map<String, @Nullable Object> changes) {
		return this.rows.update(client, this.table, id, changes);
	}

	public Mono<Long> delete(Object id) {
		return this.rows.delete(this.table, id);
	}

	/** Deletes the rows whose column holds the value. */
	public Mono<Long> delete(DatabaseClient client, String column, Object value) {
		return this.rows.delete(client, this.table, column, value);
	}

	/**
	 * @param rows the page's rows
	 * @param total the rows of the whole query
	 * @param <R> the row record
	 */
	public record Page<R>(List<R> rows, long total) {

	}

}
