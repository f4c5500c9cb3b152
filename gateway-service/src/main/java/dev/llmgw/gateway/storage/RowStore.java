package dev.llmgw.gateway.storage;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.llmgw.storage.Database;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;

/**
 * Reads and writes rows of a {@link Table} as column-to-value maps, with plain SQL that
 * both PostgreSQL and H2 accept. JSON columns come back as lists and maps; every column
 * of a row is present, null when unset. Batches of rows go to PostgreSQL with COPY, to H2
 * as multi-row INSERTs.
 */
public final class RowStore {

	/** The most values one statement binds: PostgreSQL's limit. */
	private static final int MAX_BIND_VALUES = 65_535;

	/** The row counts of batched inserts, largest first; the last must be 1. */
	private static final int[] CHUNK_SIZES = { 1000, 100, 10, 1 };

	/**
	 * Batched INSERT texts per table and row count (at most four per table), and each
	 * table's COPY.
	 */
	private final Map<String, String> insertTexts = new java.util.concurrent.ConcurrentHashMap<>();

	private static final TypeReference<List<Object>> LIST = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final Database database;

	private final JsonMapper mapper;

	public RowStore(Database database, JsonMapper mapper) {
		this.database = database;
		this.mapper = mapper;
	}

	public Database database() {
		return this.database;
	}

	public Mono<Void> insert(Table table, Map<String, @Nullable Object> row) {
		return this.database.one((client) -> insert(client, table, row));
	}

	/** Inserts with a client that may be inside a transaction. */
	public Mono<Void> insert(DatabaseClient client, Table table, Map<String, @Nullable Object> row) {
		StringJoiner names = new StringJoiner(", ");
		StringJoiner values = new StringJoiner(", ");
		for (String column : table.columns().keySet()) {
			names.add(column);
			values.add(":" + column);
		}
		GenericExecuteSpec spec = client
			.sql("INSERT INTO " + table.name() + " (" + names + ") VALUES (" + values + ")");
		for (Column column : table.columns().values()) {
			spec = bind(spec, column, row.get(column.name()));
		}
		return spec.then();
	}

	/**
	 * Inserts many rows for batched writers, in statements of a thousand, a hundred, ten
	 * or one rows: a spend writer's full batch is one statement, and a table never has
	 * more than four statement texts. The driver keeps every text it prepared (with up to
	 * 19,000 value markers, about 130 KB at a thousand rows) for the life of the
	 * connection, so one text per batch size would hold a thousand of them.
	 */
	public Mono<Void> insertAll(DatabaseClient client, Table table,
			java.util.List<Map<String, @Nullable Object>> rows) {
		if (rows.isEmpty()) {
			return Mono.empty();
		}
		if (!this.database.embedded()) {
			return this.database.copyIn(client, copyText(table), copyRows(table, rows)).then();
		}
		int most = Math.max(1, MAX_BIND_VALUES / table.columns().size());
		java.util.List<java.util.List<Map<String, @Nullable Object>>> chunks = new ArrayList<>();
		int from = 0;
		for (int size : CHUNK_SIZES) {
			int chunk = Math.min(size, most);
			while (rows.size() - from >= chunk) {
				chunks.add(rows.subList(from, from + chunk));
				from += chunk;
			}
		}
		return reactor.core.publisher.Flux.fromIterable(chunks)
			.concatMap((chunk) -> insertChunk(client, table, chunk))
			.then();
	}

	/**
	 * One multi-row INSERT with positional values ($1, $2, ..., which PostgreSQL and H2
	 * both take): no named parameters for Spring to expand, and every value bound at once
	 * (binding one by one copies the statement's whole parameter map each time, which
	 * made a chunk cost the square of its size).
	 */
	private Mono<Void> insertChunk(DatabaseClient client, Table table,
			java.util.List<Map<String, @Nullable Object>> rows) {
		java.util.List<Object> values = new ArrayList<>(rows.size() * table.columns().size());
		for (Map<String, @Nullable Object> row : rows) {
			for (Column column : table.columns().values()) {
				Object converted = toSql(column, row.get(column.name()));
				values.add((converted != null) ? converted : Parameter.empty(column.type().sqlType()));
			}
		}
		String sql = this.insertTexts.computeIfAbsent(table.name() + ":" + rows.size(),
				(key) -> insertText(table, rows.size()));
		return client.sql(sql).bindValues(values).then();
	}

	private String copyText(Table table) {
		return this.insertTexts.computeIfAbsent(table.name() + ":copy",
				(key) -> "COPY " + table.name() + " (" + columnNames(table) + ") FROM STDIN");
	}

	private static String columnNames(Table table) {
		return String.join(", ", table.columns().keySet());
	}

	/**
	 * The rows in COPY's text format: a line each, a tab between columns, {@code \N} for
	 * null, and in a value a backslash, tab, newline and carriage return escaped with a
	 * backslash, so that no value can end its row or column early.
	 */
	private byte[] copyRows(Table table, java.util.List<Map<String, @Nullable Object>> rows) {
		StringBuilder text = new StringBuilder(rows.size() * 256);
		for (Map<String, @Nullable Object> row : rows) {
			boolean first = true;
			for (Column column : table.columns().values()) {
				if (!first) {
					text.append('\t');
				}
				first = false;
				Object value = toSql(column, row.get(column.name()));
				if (value == null) {
					text.append("\\N");
				}
				else {
					escape(text, value.toString());
				}
			}
			text.append('\n');
		}
		return text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	private static void escape(StringBuilder text, String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> text.append("\\\\");
				case '\t' -> text.append("\\t");
				case '\n' -> text.append("\\n");
				case '\r' -> text.append("\\r");
				default -> text.append(c);
			}
		}
	}

	/** The text of an INSERT of {@code rows} rows, built once per table and size. */
	private static String insertText(Table table, int rows) {
		int columns = table.columns().size();
		StringBuilder sql = new StringBuilder(64 + rows * columns * 7);
		sql.append("INSERT INTO ").append(table.name()).append(" (").append(columnNames(table)).append(") VALUES ");
		for (int i = 0; i < rows; i++) {
			sql.append((i == 0) ? "(" : ", (");
			for (int c = 1; c <= columns; c++) {
				sql.append((c == 1) ? "$" : ", $").append(i * columns + c);
			}
			sql.append(')');
		}
		return sql.toString();
	}

	/**
	 * Updates some columns of one row.
	 * @return the number of rows changed (0 when there is no such row)
	 */
	public Mono<Long> update(Table table, Object id, Map<String, @Nullable Object> changes) {
		return this.database.one((client) -> update(client, table, id, changes));
	}

	public Mono<Long> update(DatabaseClient client, Table table, Object id, Map<String, @Nullable Object> changes) {
		if (changes.isEmpty()) {
			return Mono.just(0L);
		}
		StringJoiner assignments = new StringJoiner(", ");
		changes.keySet().forEach((column) -> assignments.add(column + " = :" + column));
		GenericExecuteSpec spec = client
			.sql("UPDATE " + table.name() + " SET " + assignments + " WHERE " + table.key() + " = :id__")
			.bind("id__", id);
		for (Map.Entry<String, @Nullable Object> change : changes.entrySet()) {
			Column column = table.column(change.getKey());
			if (column == null) {
				throw new IllegalArgumentException("no column " + change.getKey() + " in " + table.name());
			}
			spec = bind(spec, column, change.getValue());
		}
		return spec.fetch().rowsUpdated();
	}

	public Mono<Map<String, @Nullable Object>> find(Table table, Object id) {
		return findFirst(table, table.key(), id);
	}

	public Mono<Map<String, @Nullable Object>> findFirst(Table table, String column, Object value) {
		return this.database
			.one((client) -> client.sql("SELECT * FROM " + table.name() + " WHERE " + column + " = :value")
				.bind("value", value)
				.map((row) -> read(table, row))
				.first());
	}

	/**
	 * Rows matching all the given column values (none: every row), newest first when the
	 * table has created_at.
	 */
	public Flux<Map<String, @Nullable Object>> findAll(Table table, Map<String, Object> where, int limit, long offset) {
		Where clause = Where.of(where);
		String order = table.columns().containsKey("created_at") ? " ORDER BY created_at DESC" : "";
		return this.database.many((client) -> clause
			.bind(client
				.sql("SELECT * FROM " + table.name() + clause.sql() + order + " LIMIT " + limit + " OFFSET " + offset))
			.map((row) -> read(table, row))
			.all());
	}

	/**
	 * A page of the rows matching all the given column values, newest first (then by
	 * primary key). The page's keys are found first, from a (created_at, key) index alone
	 * where one exists, and only their rows are read, so that a deep page skips index
	 * entries rather than whole rows. For tables whose primary key is one unique column.
	 */
	public Flux<Map<String, @Nullable Object>> findNewest(Table table, Map<String, Object> where, int limit,
			long offset) {
		Where clause = Where.of(where);
		String order = " ORDER BY created_at DESC, " + table.key() + " DESC";
		String page = "SELECT " + table.key() + " FROM " + table.name() + clause.sql() + order + " LIMIT " + limit
				+ " OFFSET " + offset;
		return this.database.many((client) -> clause
			.bind(client.sql("SELECT * FROM " + table.name() + " WHERE " + table.key() + " IN (" + page + ")" + order))
			.map((row) -> read(table, row))
			.all());
	}

	/**
	 * One page of a query's rows and how many rows the whole query has.
	 * @param select the query, its values named ({@code :name}) and given in
	 * {@code binds}; LIMIT and OFFSET are added here
	 * @param count the same query counting its rows as {@code total}
	 * @param binds the values
	 * @param limit the page's size
	 * @param offset rows before the page
	 * @param table how to read a row
	 * @return the page
	 */
	public Mono<Page> page(String select, String count, Map<String, Object> binds, int limit, long offset,
			Table table) {
		Mono<List<Map<String, @Nullable Object>>> rows = query(select + " LIMIT " + limit + " OFFSET " + offset, binds,
				table)
			.collectList();
		Mono<Long> total = this.database.one((client) -> {
			GenericExecuteSpec spec = client.sql(count);
			for (Map.Entry<String, Object> bind : binds.entrySet()) {
				spec = spec.bind(bind.getKey(), bind.getValue());
			}
			return spec.map((row) -> ((Number) row.get("total")).longValue()).first();
		});
		return rows.zipWith(total, Page::new);
	}

	/**
	 * A query's rows, read as the table's rows are.
	 * @param select the query, its values named ({@code :name}) and given in
	 * {@code binds}, with its own LIMIT
	 * @param binds the values
	 * @param table how to read a row
	 */
	public Flux<Map<String, @Nullable Object>> query(String select, Map<String, Object> binds, Table table) {
		return this.database.many((client) -> {
			GenericExecuteSpec spec = client.sql(select);
			for (Map.Entry<String, Object> bind : binds.entrySet()) {
				spec = spec.bind(bind.getKey(), bind.getValue());
			}
			return spec.map((row) -> read(table, row)).all();
		});
	}

	/**
	 * @param rows the page's rows
	 * @param total the rows of the whole query
	 */
	public record Page(List<Map<String, @Nullable Object>> rows, long total) {

	}

	public Mono<Long> count(Table table, Map<String, Object> where) {
		Where clause = Where.of(where);
		return this.database
			.one((client) -> clause.bind(client.sql("SELECT COUNT(*) AS n FROM " + table.name() + clause.sql()))
				.map((row) -> ((Number) row.get("n")).longValue())
				.first());
	}

	public Mono<Long> delete(Table table, Object id) {
		return this.database.one((client) -> delete(client, table, table.key(), id));
	}

	public Mono<Long> delete(DatabaseClient client, Table table, String column, Object value) {
		return client.sql("DELETE FROM " + table.name() + " WHERE " + column + " = :value")
			.bind("value", value)
			.fetch()
			.rowsUpdated();
	}

	private GenericExecuteSpec bind(GenericExecuteSpec spec, Column column, @Nullable Object value) {
		Object converted = toSql(column, value);
		return (converted != null) ? spec.bind(column.name(), converted)
				: spec.bindNull(column.name(), column.type().sqlType());
	}

	private @Nullable Object toSql(Column column, @Nullable Object value) {
		if (value == null) {
			return switch (column.type()) {
				case JSON_LIST -> "[]";
				case JSON_MAP -> "{}";
				default -> null;
			};
		}
		return switch (column.type()) {
			case JSON_LIST, JSON_MAP -> this.mapper.writeValueAsString(value);
			case DOUBLE -> ((Number) value).doubleValue();
			case LONG -> ((Number) value).longValue();
			case INTEGER -> ((Number) value).intValue();
			case TEXT -> value.toString();
			default -> value;
		};
	}

	private Map<String, @Nullable Object> read(Table table, Readable row) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		for (Column column : table.columns().values()) {
			Object raw = row.get(column.name(), column.type().sqlType());
			values.put(column.name(), fromSql(column, raw));
		}
		return values;
	}

	private @Nullable Object fromSql(Column column, @Nullable Object raw) {
		if (raw == null) {
			return switch (column.type()) {
				case JSON_LIST -> new ArrayList<>();
				case JSON_MAP -> new LinkedHashMap<>();
				default -> null;
			};
		}
		return switch (column.type()) {
			case JSON_LIST -> this.mapper.readValue((String) raw, LIST);
			case JSON_MAP -> this.mapper.readValue((String) raw, MAP);
			default -> raw;
		};
	}

	/** Equality conditions joined by AND, bound by name. */
	private record Where(String sql, Map<String, Object> values) {

		static Where of(Map<String, Object> values) {
			if (values.isEmpty()) {
				return new Where("", values);
			}
			StringJoiner conditions = new StringJoiner(" AND ", " WHERE ", "");
			values.keySet().forEach((column) -> conditions.add(column + " = :w_" + column));
			return new Where(conditions.toString(), values);
		}

		GenericExecuteSpec bind(GenericExecuteSpec spec) {
			GenericExecuteSpec bound = spec;
			for (Map.Entry<String, Object> value : this.values.entrySet()) {
				bound = bound.bind("w_" + value.getKey(), value.getValue());
			}
			return bound;
		}

	}

	/** The current time, truncated to microseconds as both databases store it. */
	public static OffsetDateTime now(java.time.Clock clock) {
		return OffsetDateTime.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
	}

}
