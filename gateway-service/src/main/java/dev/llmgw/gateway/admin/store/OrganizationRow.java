package dev.llmgw.gateway.admin.store;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.storage.AdminTables;
import dev.llmgw.gateway.storage.Table;
import org.jspecify.annotations.Nullable;

/**
 * An organization (organizations). One component per column of
 * {@link AdminTables#ORGANIZATIONS}, in its order. A column may be null, as in a row
 * being built from a request before the database fills its defaults, except the JSON
 * lists and maps, which are empty rather than null as the database stores them.
 */
public record OrganizationRow(@Nullable String organizationId, @Nullable String organizationAlias, List<String> models,
		Map<String, Object> metadata, @Nullable Double spend, @Nullable OffsetDateTime createdAt,
		@Nullable String createdBy, @Nullable OffsetDateTime updatedAt,
		@Nullable String updatedBy) implements AdminRow {

	public static final Table TABLE = AdminTables.ORGANIZATIONS;

	/** The row of a column map, as {@code RowStore} reads it. */
	public static OrganizationRow from(Map<String, ? extends @Nullable Object> row) {
		return new OrganizationRow(Cells.text(row.get("organization_id")), Cells.text(row.get("organization_alias")),
				Cells.strings(row.get("models")), Cells.map(row.get("metadata")), Cells.decimal(row.get("spend")),
				Cells.time(row.get("created_at")), Cells.text(row.get("created_by")), Cells.time(row.get("updated_at")),
				Cells.text(row.get("updated_by")));
	}

	@Override
	public Map<String, @Nullable Object> columns() {
		Map<String, @Nullable Object> columns = new LinkedHashMap<>();
		columns.put("organization_id", this.organizationId);
		columns.put("organization_alias", this.organizationAlias);
		columns.put("models", this.models);
		columns.put("metadata", this.metadata);
		columns.put("spend", this.spend);
		columns.put("created_at", this.createdAt);
		columns.put("created_by", this.createdBy);
		columns.put("updated_at", this.updatedAt);
		columns.put("updated_by", this.updatedBy);
		return columns;
	}

	/** This row with some columns changed, as an update writes them. */
	public OrganizationRow with(Map<String, ? extends @Nullable Object> changes) {
		Map<String, @Nullable Object> columns = columns();
		columns.putAll(changes);
		return from(columns);
	}

}
