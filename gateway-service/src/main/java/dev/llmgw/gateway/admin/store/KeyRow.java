package dev.llmgw.gateway.admin.store;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.storage.AdminTables;
import dev.llmgw.gateway.storage.Table;
import org.jspecify.annotations.Nullable;

/**
 * A virtual key (api_keys): the key itself is never stored, only its hash as token. One
 * component per column of {@link AdminTables#KEYS}, in its order. A column may be null,
 * as in a row being built from a request before the database fills its defaults, except
 * the JSON lists and maps, which are empty rather than null as the database stores them.
 */
public record KeyRow(@Nullable String token, @Nullable String keyName, @Nullable String keyAlias,
		@Nullable String userId, @Nullable String teamId, @Nullable String organizationId, @Nullable String budgetId,
		List<String> models, Map<String, Object> aliases, Map<String, Object> config, Map<String, Object> permissions,
		List<String> allowedRoutes, List<String> allowedCacheControls, List<String> tags, @Nullable Double spend,
		@Nullable Double maxBudget, @Nullable Double softBudget, @Nullable String budgetDuration,
		@Nullable OffsetDateTime budgetResetAt, Map<String, Object> modelSpend, Map<String, Object> modelMaxBudget,
		@Nullable OffsetDateTime expires, @Nullable Long tpmLimit, @Nullable Long rpmLimit,
		@Nullable Integer maxParallelRequests, @Nullable Boolean blocked, @Nullable String blockedBy,
		@Nullable String keyType, Map<String, Object> metadata, @Nullable OffsetDateTime createdAt,
		@Nullable String createdBy, @Nullable OffsetDateTime updatedAt, @Nullable String updatedBy,
		@Nullable OffsetDateTime lastActive) implements AdminRow {

	public static final Table TABLE = AdminTables.KEYS;

	/** The row of a column map, as {@code RowStore} reads it. */
	public static KeyRow from(Map<String, ? extends @Nullable Object> row) {
		return new KeyRow(Cells.text(row.get("token")), Cells.text(row.get("key_name")),
				Cells.text(row.get("key_alias")), Cells.text(row.get("user_id")), Cells.text(row.get("team_id")),
				Cells.text(row.get("organization_id")), Cells.text(row.get("budget_id")),
				Cells.strings(row.get("models")), Cells.map(row.get("aliases")), Cells.map(row.get("config")),
				Cells.map(row.get("permissions")), Cells.strings(row.get("allowed_routes")),
				Cells.strings(row.get("allowed_cache_controls")), Cells.strings(row.get("tags")),
				Cells.decimal(row.get("spend")), Cells.decimal(row.get("max_budget")),
				Cells.decimal(row.get("soft_budget")), Cells.text(row.get("budget_duration")),
				Cells.time(row.get("budget_reset_at")), Cells.map(row.get("model_spend")),
				Cells.map(row.get("model_max_budget")), Cells.time(row.get("expires")),
				Cells.bigint(row.get("tpm_limit")), Cells.bigint(row.get("rpm_limit")),
				Cells.integer(row.get("max_parallel_requests")), Cells.bool(row.get("blocked")),
				Cells.text(row.get("blocked_by")), Cells.text(row.get("key_type")), Cells.map(row.get("metadata")),
				Cells.time(row.get("created_at")), Cells.text(row.get("created_by")), Cells.time(row.get("updated_at")),
				Cells.text(row.get("updated_by")), Cells.time(row.get("last_active")));
	}

	@Override
	public Map<String, @Nullable Object> columns() {
		Map<String, @Nullable Object> columns = new LinkedHashMap<>();
		columns.put("token", this.token);
		columns.put("key_name", this.keyName);
		columns.put("key_alias", this.keyAlias);
		columns.put("user_id", this.userId);
		columns.put("team_id", this.teamId);
		columns.put("organization_id", this.organizationId);
		columns.put("budget_id", this.budgetId);
		columns.put("models", this.models);
		columns.put("aliases", this.aliases);
		columns.put("config", this.config);
		columns.put("permissions", this.permissions);
		columns.put("allowed_routes", this.allowedRoutes);
		columns.put("allowed_cache_controls", this.allowedCacheControls);
		columns.put("tags", this.tags);
		columns.put("spend", this.spend);
		columns.put("max_budget", this.maxBudget);
		columns.put("soft_budget", this.softBudget);
		columns.put("budget_duration", this.budgetDuration);
		columns.put("budget_reset_at", this.budgetResetAt);
		columns.put("model_spend", this.modelSpend);
		columns.put("model_max_budget", this.modelMaxBudget);
		columns.put("expires", this.expires);
		columns.put("tpm_limit", this.tpmLimit);
		columns.put("rpm_limit", this.rpmLimit);
		columns.put("max_parallel_requests", this.maxParallelRequests);
		columns.put("blocked", this.blocked);
		columns.put("blocked_by", this.blockedBy);
		columns.put("key_type", this.keyType);
		columns.put("metadata", this.metadata);
		columns.put("created_at", this.createdAt);
		columns.put("created_by", this.createdBy);
		columns.put("updated_at", this.updatedAt);
		columns.put("updated_by", this.updatedBy);
		columns.put("last_active", this.lastActive);
		return columns;
	}

	/** This row with some columns changed, as an update writes them. */
	public KeyRow with(Map<String, ? extends @Nullable Object> changes) {
		Map<String, @Nullable Object> columns = columns();
		columns.putAll(changes);
		return from(columns);
	}

}
