package dev.llmgw.gateway.admin.store;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmgw.gateway.storage.AdminTables;
import dev.llmgw.gateway.storage.Table;
import org.jspecify.annotations.Nullable;

/**
 * A user's membership of an organization (organization_members). One component per column
 * of {@link AdminTables#ORGANIZATION_MEMBERS}, in its order. A column may be null, as in
 * a row being built from a request before the database fills its defaults, except the
 * JSON lists and maps, which are empty rather than null as the database stores them.
 */
public record OrganizationMemberRow(@Nullable String organizationId, @Nullable String userId, @Nullable String userRole,
		@Nullable Double spend, @Nullable OffsetDateTime createdAt,
		@Nullable OffsetDateTime updatedAt) implements AdminRow {

	public static final Table TABLE = AdminTables.ORGANIZATION_MEMBERS;

	/** The row of a column map, as {@code RowStore} reads it. */
	public static OrganizationMemberRow from(Map<String, ? extends @Nullable Object> row) {
		return new OrganizationMemberRow(Cells.text(row.get("organization_id")), Cells.text(row.get("user_id")),
				Cells.text(row.get("user_role")), Cells.decimal(row.get("spend")), Cells.time(row.get("created_at")),
				Cells.time(row.get("updated_at")));
	}

	@Override
	public Map<String, @Nullable Object> columns() {
		Map<String, @Nullable Object> columns = new LinkedHashMap<>();
		columns.put("organization_id", this.organizationId);
		columns.put("user_id", this.userId);
		columns.put("user_role", this.userRole);
		columns.put("spend", this.spend);
		columns.put("created_at", this.createdAt);
		columns.put("updated_at", this.updatedAt);
		return columns;
	}

	/** This row with some columns changed, as an update writes them. */
	public OrganizationMemberRow with(Map<String, ? extends @Nullable Object> changes) {
		Map<String, @Nullable Object> columns = columns();
		columns.putAll(changes);
		return from(columns);
	}

}
