package dev.llmgw.gateway.storage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A table's name, primary key and columns: enough for {@link RowStore} to read and write
 * its rows as maps.
 *
 * @param name the table
 * @param key the primary-key column
 * @param columns every column, the key included
 */
public record Table(String name, String key, Map<String, Column> columns) {

	public static Table of(String name, String key, List<Column> columns) {
		Map<String, Column> byName = new LinkedHashMap<>();
		columns.forEach((column) -> byName.put(column.name(), column));
		return new Table(name, key, java.util.Collections.unmodifiableMap(byName));
	}

	public @Nullable Column column(String name) {
		return this.columns.get(name);
	}

}
