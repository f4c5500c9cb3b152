package dev.llmgw.gateway.admin.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import dev.llmgw.gateway.storage.RowStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The api_keys table: virtual keys, by their hash. */
public final class KeyStore extends TableRows<KeyRow> {

	public KeyStore(RowStore rows) {
		super(rows, KeyRow.TABLE, KeyRow::from);
	}

	/**
	 * A page of the keys matching all the given column values, newest first. The page's
	 * tokens are found first, from the (created_at, token) index alone when nothing is
	 * matched, and only their 25 or so rows are read: a deep page (offset 500,000 of a
	 * million keys) then skips index entries, not whole rows.
	 * @param where column values to match (names from the code, values bound)
	 */
	public Flux<KeyRow> newest(Map<String, Object> where, int limit, long offset) {
		StringJoiner conditions = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
		Map<String, Object> binds = new LinkedHashMap<>();
		where.forEach((column, value) -> {
			conditions.add(column + " = :w_" + column);
			binds.put("w_" + column, value);
		});
		String page = "SELECT token FROM api_keys" + conditions + " ORDER BY created_at DESC, token DESC LIMIT " + limit
				+ " OFFSET " + offset;
		return query("SELECT * FROM api_keys WHERE token IN (" + page + ") ORDER BY created_at DESC, token DESC",
				binds);
	}

	/** How many keys name the organization. */
	public Mono<Long> countOfOrganization(String organizationId) {
		return count(Map.of("organization_id", organizationId));
	}

}
