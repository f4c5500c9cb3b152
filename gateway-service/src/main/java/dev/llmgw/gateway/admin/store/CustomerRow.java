package dev.llmgw.gateway.admin.store;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmgw.gateway.storage.AdminTables;
import dev.llmgw.gateway.storage.Table;
import org.jspecify.annotations.Nullable;

/**
 * An end user (customers): the {@code user} of a request. One component per column of
 * {@link AdminTables#CUSTOMERS}, in its order. A column may be null, as in a row being
 * built from a request before the database fills its defaults, except the JSON lists and
 * maps, which are empty rather than null as the database stores them.
 */
public record CustomerRow(@Nullable String userId, @Nullable String alias, @Nullable Boolean blocked,
		@Nullable Double spend, @Nullable String budgetId, @Nullable String allowedModelRegion,
		@Nullable String defaultModel, @Nullable OffsetDateTime createdAt,
		@Nullable OffsetDateTime updatedAt) implements AdminRow {

	public static final Table TABLE = AdminTables.CUSTOMERS;

	/** The row of a column map, as {@code RowStore} reads it. */
	public static CustomerRow from(Map<String, ? extends @Nullable Object> row) {
		return new CustomerRow(Cells.text(row.get("user_id")), Cells.text(row.get("alias")),
				Cells.bool(row.get("blocked")), Cells.decimal(row.get("spend")), Cells.text(row.get("budget_id")),
				Cells.text(row.get("allowed_model_region")), Cells.text(row.get("default_model")),
				Cells.time(row.get("created_at")), Cells.time(row.get("updated_at")));
	}

	@Override
	public Map<String, @Nullable Object> columns() {
		Map<String, @Nullable Object> columns = new LinkedHashMap<>();
		columns.put("user_id", this.userId);
		columns.put("alias", this.alias);
		columns.put("blocked", this.blocked);
		columns.put("spend", this.spend);
		columns.put("budget_id", this.budgetId);
		columns.put("allowed_model_region", this.allowedModelRegion);
		columns.put("default_model", this.defaultModel);
		columns.put("created_at", this.createdAt);
		columns.put("updated_at", this.updatedAt);
		return columns;
	}

	/** This row with some columns changed, as an update writes them. */
	public CustomerRow with(Map<String, ? extends @Nullable Object> changes) {
		Map<String, @Nullable Object> columns = columns();
		columns.putAll(changes);
		return from(columns);
	}

}
