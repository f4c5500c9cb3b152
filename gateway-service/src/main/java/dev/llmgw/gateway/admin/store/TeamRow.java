package dev.llmgw.gateway.admin.store;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.storage.AdminTables;
import dev.llmgw.gateway.storage.Table;
import org.jspecify.annotations.Nullable;

/**
 * A team (teams). One component per column of {@link AdminTables#TEAMS}, in its order. A
 * column may be null, as in a row being built from a request before the database fills
 * its defaults, except the JSON lists and maps, which are empty rather than null as the
 * database stores them.
 */
public record TeamRow(@Nullable String teamId, @Nullable String teamAlias, @Nullable String organizationId,
		List<String> models, Map<String, Object> modelAliases, @Nullable Double maxBudget, @Nullable Double softBudget,
		@Nullable Double spend, @Nullable String budgetDuration, @Nullable OffsetDateTime budgetResetAt,
		Map<String, Object> modelSpend, Map<String, Object> modelMaxBudget, @Nullable Long tpmLimit,
		@Nullable Long rpmLimit, @Nullable Integer maxParallelRequests, @Nullable Boolean blocked,
		Map<String, Object> metadata, @Nullable OffsetDateTime createdAt,
		@Nullable OffsetDateTime updatedAt) implements AdminRow {

	public static final Table TABLE = AdminTables.TEAMS;

	/** The row of a column map, as {@code RowStore} reads it. */
	public static TeamRow from(Map<String, ? extends @Nullable Object> row) {
		return new TeamRow(Cells.text(row.get("team_id")), Cells.text(row.get("team_alias")),
				Cells.text(row.get("organization_id")), Cells.strings(row.get("models")),
				Cells.map(row.get("model_aliases")), Cells.decimal(row.get("max_budget")),
				Cells.decimal(row.get("soft_budget")), Cells.decimal(row.get("spend")),
				Cells.text(row.get("budget_duration")), Cells.time(row.get("budget_reset_at")),
				Cells.map(row.get("model_spend")), Cells.map(row.get("model_max_budget")),
				Cells.bigint(row.get("tpm_limit")), Cells.bigint(row.get("rpm_limit")),
				Cells.integer(row.get("max_parallel_requests")), Cells.bool(row.get("blocked")),
				Cells.map(row.get("metadata")), Cells.time(row.get("created_at")), Cells.time(row.get("updated_at")));
	}

	@Override
	public Map<String, @Nullable Object> columns() {
		Map<String, @Nullable Object> columns = new LinkedHashMap<>();
		columns.put("team_id", this.teamId);
		columns.put("team_alias", this.teamAlias);
		columns.put("organization_id", this.organizationId);
		columns.put("models", this.models);
		columns.put("model_aliases", this.modelAliases);
		columns.put("max_budget", this.maxBudget);
		columns.put("soft_budget", this.softBudget);
		columns.put("spend", this.spend);
		columns.put("budget_duration", this.budgetDuration);
		columns.put("budget_reset_at", this.budgetResetAt);
		columns.put("model_spend", this.modelSpend);
		columns.put("model_max_budget", this.modelMaxBudget);
		columns.put("tpm_limit", this.tpmLimit);
		columns.put("rpm_limit", this.rpmLimit);
		columns.put("max_parallel_requests", this.maxParallelRequests);
		columns.put("blocked", this.blocked);
		columns.put("metadata", this.metadata);
		columns.put("created_at", this.createdAt);
		columns.put("updated_at", this.updatedAt);
		return columns;
	}

	/** This row with some columns changed, as an update writes them. */
	public TeamRow with(Map<String, ? extends @Nullable Object> changes) {
		Map<String, @Nullable Object> columns = columns();
		columns.putAll(changes);
		return from(columns);
	}

}
