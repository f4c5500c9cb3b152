package dev.llmgw.gateway.files;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.storage.Column;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.gateway.storage.Table;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The files and batches made through the gateway
 * (db/migration/V12__provider_objects.sql), each with its owner: every read names the
 * owner, so another key's object is not found; an owner of null (a proxy admin) reaches
 * any.
 */
final class ProviderObjects {

	static final Table TABLE = Table.of("provider_objects", "object_id",
			List.of(Column.text("object_id"), Column.text("kind"), Column.text("owner"), Column.text("model_group"),
					Column.text("deployment_id"), Column.map("object"), Column.timestamp("created_at")));

	private final RowStore rows;

	private final Clock clock;

	ProviderObjects(RowStore rows, Clock clock) {
		this.rows = rows;
		this.clock = clock;
	}

	Mono<Void> save(String id, String kind, String owner, String group, String deploymentId,
			Map<String, @Nullable Object> object) {
		Map<String, @Nullable Object> row = new LinkedHashMap<>();
		row.put("object_id", id);
		row.put("kind", kind);
		row.put("owner", owner);
		row.put("model_group", group);
		row.put("deployment_id", deploymentId);
		row.put("object", object);
		row.put("created_at", RowStore.now(this.clock));
		return this.rows.insert(TABLE, row);
	}

	/** One of the owner's objects of a kind, or empty. */
	Mono<Map<String, @Nullable Object>> find(@Nullable String owner, String kind, String id) {
		String where = (owner != null) ? " AND owner = :owner" : "";
		Map<String, Object> binds = new LinkedHashMap<>();
		binds.put("id", id);
		binds.put("kind", kind);
		if (owner != null) {
			binds.put("owner", owner);
		}
		return this.rows
			.query("SELECT * FROM provider_objects WHERE object_id = :id AND kind = :kind" + where, binds, TABLE)
			.next();
	}

	/**
	 * The owner's objects of a kind (everyone's for a null owner), of one purpose or all,
	 * newest first or oldest first, those after a cursor object only, at most
	 * {@code most} of them.
	 * @param after the row of the object the page starts after, or null for the first
	 * page
	 */
	Flux<Map<String, @Nullable Object>> page(@Nullable String owner, String kind, @Nullable String purpose,
			boolean ascending, @Nullable Map<String, @Nullable Object> after, int most) {
		StringBuilder select = new StringBuilder("SELECT * FROM provider_objects WHERE kind = :kind");
		Map<String, Object> binds = new LinkedHashMap<>();
		binds.put("kind", kind);
		if (purpose != null) {
			// the object is stored as compact JSON written by the gateway, and a purpose
			// is
			// letters and underscores only (checked by the caller), so this matches
			// exactly
			// the objects of that purpose, in the query, before the page is cut
			select.append(" AND object LIKE :purpose");
			binds.put("purpose", "%\"purpose\":\"" + purpose + "\"%");
		}
		if (owner != null) {
			select.append(" AND owner = :owner");
			binds.put("owner", owner);
		}
		String beyond = ascending ? ">" : "<";
		if (after != null && after.get("created_at") != null && after.get("object_id") != null) {
			// keyset: ties on the time are ordered by id, so no object is skipped or
			// repeated
			select.append(" AND (created_at ")
				.append(beyond)
				.append(" :at OR (created_at = :at AND object_id ")
				.append(beyond)
				.append(" :after))");
			binds.put("at", after.get("created_at"));
			binds.put("after", after.get("object_id"));
		}
		String direction = ascending ? " ASC" : " DESC";
		select.append(" ORDER BY created_at").append(direction).append(", object_id").append(direction);
		select.append(" LIMIT ").append(most);
		return this.rows.query(select.toString(), binds, TABLE);
	}

	Mono<Long> update(String id, Map<String, @Nullable Object> object) {
		Map<String, @Nullable Object> changes = new LinkedHashMap<>();
		changes.put("object", object);
		return this.rows.update(TABLE, id, changes);
	}

	Mono<Long> delete(String id) {
		return this.rows.delete(TABLE, id);
	}

}
