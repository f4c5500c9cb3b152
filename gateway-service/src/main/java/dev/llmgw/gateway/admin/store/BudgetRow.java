package dev.llmgw.gateway.admin.store;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmgw.gateway.storage.AdminTables;
import dev.llmgw.gateway.storage.Table;
import org.jspecify.annotations.Nullable;

/**
 * A named budget (budgets), shared by the end users that name it. One component per
 * column of {@link AdminTables#BUDGETS}, in its order. A column may be null, as in a row
 * being built from a request before the database fills its defaults, except the JSON
 * lists and maps, which are empty rather than null as the database stores them.
 */
public record BudgetRow(@Nullable String budgetId, @Nullable Double maxBudget, @Nullable Double softBudget,
		@Nullable Integer maxParallelRequests, @Nullable Long tpmLimit, @Nullable Long rpmLimit,
		@Nullable String budgetDuration, @Nullable OffsetDateTime budgetResetAt, Map<String, Object> modelMaxBudget,
		@Nullable OffsetDateTime createdAt, @Nullable String createdBy, @Nullable OffsetDateTime updatedAt,
		@Nullable String updatedBy) implements AdminRow {

	public static final Table TABLE = AdminTables.BUDGETS;

	/** The row of a column map, as {@code RowStore} reads it. */
	public static BudgetRow from(Map<String, ? extends @Nullable Object> row) {
		return new BudgetRow(Cells.text(row.get("budget_id")), Cells.decimal(row.get("max_budget")),
				Cells.decimal(row.get("soft_budget")), Cells.integer(row.get("max_parallel_requests")),
				Cells.bigint(row.get("tpm_limit")), Cells.bigint(row.get("rpm_limit")),
				Cells.text(row.get("budget_duration")), Cells.time(row.get("budget_reset_at")),
				Cells.map(row.get("model_max_budget")), Cells.time(row.get("created_at")),
				Cells.text(row.get("created_by")), Cells.time(row.get("updated_at")),
				Cells.text(row.get("updated_by")));
	}

	@Override
	public Map<String, @Nullable Object> columns() {
		Map<String, @Nullable Object> columns = new LinkedHashMap<>();
		columns.put("budget_id", this.budgetId);
		columns.put("max_budget", this.maxBudget);
		columns.put("soft_budget", this.softBudget);
		columns.put("max_parallel_requests", this.maxParallelRequests);
		columns.put("tpm_limit", this.tpmLimit);
		columns.put("rpm_limit", this.rpmLimit);
		columns.put("budget_duration", this.budgetDuration);
		columns.put("budget_reset_at", this.budgetResetAt);
		columns.put("model_max_budget", this.modelMaxBudget);
		columns.put("created_at", this.createdAt);
		columns.put("created_by", this.createdBy);
		columns.put("updated_at", this.updatedAt);
		columns.put("updated_by", this.updatedBy);
		return columns;
	}

	/** This row with some columns changed, as an update writes them. */
	public BudgetRow with(Map<String, ? extends @Nullable Object> changes) {
		Map<String, @Nullable Object> columns = columns();
		columns.putAll(changes);
		return from(columns);
	}

}
