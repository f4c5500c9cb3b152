package dev.llmgw.gateway.responses;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.storage.Column;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.gateway.storage.Table;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Stored responses (db/migration/V11__responses.sql), each owned by the key that made it:
 * every read names the owner, so another key's response is simply not found; an owner of
 * null (a proxy admin, as LiteLLM lets admins) reads any response. A conversation is read
 * back in one recursive query along its previous_response_id links, at most
 * {@value #MAX_CHAIN} responses deep.
 */
final class ResponseStore {

	/** The most responses a conversation reads back: deeper turns are left out. */
	static final int MAX_CHAIN = 500;

	static final Table TABLE = Table.of("responses", "response_id",
			List.of(Column.text("response_id"), Column.text("owner"), Column.text("previous_response_id"),
					Column.text("model"), Column.list("input_items"), Column.map("response"),
					Column.timestamp("created_at")));

	private static final String CHAIN = """
			WITH RECURSIVE chain (response_id, owner, previous_response_id, model, input_items, response, created_at,
			depth) AS (
			SELECT response_id, owner, previous_response_id, model, input_items, response, created_at, 1
			FROM responses WHERE response_id = :id%1$s
			UNION ALL
			SELECT r.response_id, r.owner, r.previous_response_id, r.model, r.input_items, r.response, r.created_at,
			c.depth + 1
			FROM responses r JOIN chain c ON r.response_id = c.previous_response_id
			WHERE c.depth < %2$d%3$s)
			SELECT response_id, owner, previous_response_id, model, input_items, response, created_at
			FROM chain ORDER BY depth DESC""";

	private static final String OWNED_CHAIN = CHAIN.formatted(" AND owner = :owner", MAX_CHAIN,
			" AND r.owner = :owner");

	private static final String ANY_CHAIN = CHAIN.formatted("", MAX_CHAIN, "");

	private final RowStore rows;

	private final Clock clock;

	ResponseStore(RowStore rows, Clock clock) {
		this.rows = rows;
		this.clock = clock;
	}

	/**
	 * Who owns what a caller stores: its key, the master key, or (for callers without a
	 * key of their own, such as a UI session) its user.
	 */
	static String owner(CallerIdentity caller) {
		if (caller.keyHash() != null) {
			return caller.keyHash();
		}
		if (caller.isMasterKey()) {
			return "master";
		}
		return "user:" + ((caller.userId() != null) ? caller.userId() : caller.displayName());
	}

	Mono<Void> save(String owner, String id, String model, @Nullable String previous,
			Map<String, @Nullable Object> response, List<ResponseItem> input) {
		Map<String, @Nullable Object> row = new LinkedHashMap<>();
		row.put("response_id", id);
		row.put("owner", owner);
		row.put("previous_response_id", previous);
		row.put("model", model);
		row.put("input_items", input.stream().map(ResponseItem::toWire).toList());
		row.put("response", response);
		row.put("created_at", RowStore.now(this.clock));
		return this.rows.insert(TABLE, row);
	}

	/** A response the owner stored, or empty. */
	Mono<Map<String, @Nullable Object>> find(@Nullable String owner, String id) {
		String where = (owner != null) ? " AND owner = :owner" : "";
		return this.rows.query("SELECT * FROM responses WHERE response_id = :id" + where, binds(owner, id), TABLE)
			.next();
	}

	/** Whether the owner's response was there to delete. */
	Mono<Boolean> delete(@Nullable String owner, String id) {
		String where = (owner != null) ? " AND owner = :owner" : "";
		return this.rows.database().one((client) -> {
			var spec = client.sql("DELETE FROM responses WHERE response_id = :id" + where).bind("id", id);
			return ((owner != null) ? spec.bind("owner", owner) : spec).fetch().rowsUpdated();
		}).map((deleted) -> deleted > 0);
	}

	private static Map<String, Object> binds(@Nullable String owner, String id) {
		return (owner != null) ? Map.of("id", id, "owner", owner) : Map.of("id", id);
	}

	/**
	 * The conversation a response ends: each stored response's input and output items,
	 * oldest first; empty when the owner has no such response.
	 */
	Mono<List<ResponseItem>> conversation(@Nullable String owner, String id) {
		return this.rows.query((owner != null) ? OWNED_CHAIN : ANY_CHAIN, binds(owner, id), TABLE)
			.collectList()
			.map((chain) -> {
				List<ResponseItem> items = new ArrayList<>();
				for (Map<String, @Nullable Object> row : chain) {
					items.addAll(inputItems(row));
					if (row.get("response") instanceof Map<?, ?> response
							&& response.get("output") instanceof List<?> out) {
						for (Object item : out) {
							items.add(ResponseItems.item(item, "output"));
						}
					}
				}
				return items;
			})
			.filter((items) -> !items.isEmpty());
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
