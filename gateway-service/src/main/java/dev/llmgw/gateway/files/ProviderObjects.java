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

	/** The owner's objects of a kind, newest first. */
	Flux<Map<String, @Nullable Object>> list(@Nullable String owner, String kind, int limit) {
		Map<String, Object> where = new LinkedHashMap<>();
		where.put("kind", kind);
		if (owner != null) {
			where.put("owner", owner);
		}
		return this.rows.findAll(TABLE, where, limit, 0);
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
