package dev.llmgw.gateway.admin.store;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One column's value as its row record holds it. A row comes either from the database
 * (read by {@code RowStore} with the column's SQL type) or from a request being turned
 * into a row, where numbers may be of any width; both are read alike here.
 */
final class Cells {

	private Cells() {
	}

	static @Nullable String text(@Nullable Object value) {
		return (value == null) ? null : value.toString();
	}

	static @Nullable Double decimal(@Nullable Object value) {
		return (value instanceof Number number) ? number.doubleValue() : null;
	}

	static @Nullable Long bigint(@Nullable Object value) {
		return (value instanceof Number number) ? number.longValue() : null;
	}

	static @Nullable Integer integer(@Nullable Object value) {
		return (value instanceof Number number) ? number.intValue() : null;
	}

	static @Nullable Boolean bool(@Nullable Object value) {
		return (value instanceof Boolean bool) ? bool : null;
	}

	static @Nullable OffsetDateTime time(@Nullable Object value) {
		return (value instanceof OffsetDateTime time) ? time : null;
	}

	/**
	 * A JSON list column: lists of names (models, routes, tags); empty when null, as the
	 * database stores a null list.
	 */
	static List<String> strings(@Nullable Object value) {
		if (!(value instanceof List<?> list)) {
			return new ArrayList<>();
		}
		List<String> strings = new ArrayList<>(list.size());
		list.forEach((item) -> strings.add(String.valueOf(item)));
		return strings;
	}

	/**
	 * A JSON map column, as the JSON reader made it (keys are strings); empty when null,
	 * as the database stores a null map.
	 */
	static Map<String, Object> map(@Nullable Object value) {
		if (!(value instanceof Map<?, ?> map)) {
			return new LinkedHashMap<>();
		}
		Map<String, Object> copy = new LinkedHashMap<>();
		map.forEach((key, item) -> copy.put(String.valueOf(key), item));
		return copy;
	}

}
