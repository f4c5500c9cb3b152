package dev.llmgw.gateway.admin.store;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmgw.gateway.storage.AdminTables;
import dev.llmgw.gateway.storage.Table;
import org.jspecify.annotations.Nullable;

/**
 * A user's membership of a team (team_members), with their role in it. One component per
 * column of {@link AdminTables#TEAM_MEMBERS}, in its order. A column may be null, as in a
 * row being built from a request before the database fills its defaults, except the JSON
 * lists and maps, which are empty rather than null as the database stores them.
 */
public record TeamMemberRow(@Nullable String teamId, @Nullable String userId, @Nullable String role,
		@Nullable Double spend, @Nullable Double maxBudgetInTeam,
		@Nullable OffsetDateTime createdAt) implements AdminRow {

	public static final Table TABLE = AdminTables.TEAM_MEMBERS;

	/** The row of a column map, as {@code RowStore} reads it. */
	public static TeamMemberRow from(Map<String, ? extends @Nullable Object> row) {
		return new TeamMemberRow(Cells.text(row.get("team_id")), Cells.text(row.get("user_id")),
				Cells.text(row.get("role")), Cells.decimal(row.get("spend")),
				Cells.decimal(row.get("max_budget_in_team")), Cells.time(row.get("created_at")));
	}

	@Override
	public Map<String, @Nullable Object> columns() {
		Map<String, @Nullable Object> columns = new LinkedHashMap<>();
		columns.put("team_id", this.teamId);
		columns.put("user_id", this.userId);
		columns.put("role", this.role);
		columns.put("spend", this.spend);
		columns.put("max_budget_in_team", this.maxBudgetInTeam);
		columns.put("created_at", this.createdAt);
		return columns;
	}

	/** This row with some columns changed, as an update writes them. */
	public TeamMemberRow with(Map<String, ? extends @Nullable Object> changes) {
		Map<String, @Nullable Object> columns = columns();
		columns.putAll(changes);
		return from(columns);
	}

}
