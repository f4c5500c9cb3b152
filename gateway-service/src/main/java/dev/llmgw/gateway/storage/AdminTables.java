package dev.llmgw.gateway.storage;

import java.util.List;

import dev.llmgw.gateway.storage.Column;
import dev.llmgw.gateway.storage.Table;

/**
 * The admin tables, as created by db/migration/V1__admin_tables.sql (api_keys.blocked_by
 * by V4).
 */
public final class AdminTables {

	public static final Table KEYS = Table.of("api_keys", "token",
			List.of(Column.text("token"), Column.text("key_name"), Column.text("key_alias"), Column.text("user_id"),
					Column.text("team_id"), Column.text("organization_id"), Column.text("budget_id"),
					Column.list("models"), Column.map("aliases"), Column.map("config"), Column.map("permissions"),
					Column.list("allowed_routes"), Column.list("allowed_cache_controls"), Column.list("tags"),
					Column.decimal("spend"), Column.decimal("max_budget"), Column.decimal("soft_budget"),
					Column.text("budget_duration"), Column.timestamp("budget_reset_at"), Column.map("model_spend"),
					Column.map("model_max_budget"), Column.timestamp("expires"), Column.bigint("tpm_limit"),
					Column.bigint("rpm_limit"), Column.integer("max_parallel_requests"), Column.bool("blocked"),
					Column.text("blocked_by"), Column.text("key_type"), Column.map("metadata"),
					Column.timestamp("created_at"), Column.text("created_by"), Column.timestamp("updated_at"),
					Column.text("updated_by"), Column.timestamp("last_active")));

	public static final Table USERS = Table.of("users", "user_id",
			List.of(Column.text("user_id"), Column.text("user_alias"), Column.text("user_email"),
					Column.text("user_role"), Column.text("sso_user_id"), Column.text("organization_id"),
					Column.list("models"), Column.decimal("spend"), Column.decimal("max_budget"),
					Column.text("budget_duration"), Column.timestamp("budget_reset_at"), Column.map("model_spend"),
					Column.map("model_max_budget"), Column.bigint("tpm_limit"), Column.bigint("rpm_limit"),
					Column.integer("max_parallel_requests"), Column.map("metadata"), Column.timestamp("created_at"),
					Column.timestamp("updated_at")));

	public static final Table TEAMS = Table.of("teams", "team_id",
			List.of(Column.text("team_id"), Column.text("team_alias"), Column.text("organization_id"),
					Column.list("models"), Column.map("model_aliases"), Column.decimal("max_budget"),
					Column.decimal("soft_budget"), Column.decimal("spend"), Column.text("budget_duration"),
					Column.timestamp("budget_reset_at"), Column.map("model_spend"), Column.map("model_max_budget"),
					Column.bigint("tpm_limit"), Column.bigint("rpm_limit"), Column.integer("max_parallel_requests"),
					Column.bool("blocked"), Column.map("metadata"), Column.timestamp("created_at"),
					Column.timestamp("updated_at")));

	public static final Table TEAM_MEMBERS = Table.of("team_members", "team_id",
			List.of(Column.text("team_id"), Column.text("user_id"), Column.text("role"), Column.decimal("spend"),
					Column.decimal("max_budget_in_team"), Column.timestamp("created_at")));

	public static final Table CUSTOMERS = Table.of("customers", "user_id",
			List.of(Column.text("user_id"), Column.text("alias"), Column.bool("blocked"), Column.decimal("spend"),
					Column.text("budget_id"), Column.text("allowed_model_region"), Column.text("default_model"),
					Column.timestamp("created_at"), Column.timestamp("updated_at")));

	public static final Table BUDGETS = Table.of("budgets", "budget_id",
			List.of(Column.text("budget_id"), Column.decimal("max_budget"), Column.decimal("soft_budget"),
					Column.integer("max_parallel_requests"), Column.bigint("tpm_limit"), Column.bigint("rpm_limit"),
					Column.text("budget_duration"), Column.timestamp("budget_reset_at"), Column.map("model_max_budget"),
					Column.timestamp("created_at"), Column.text("created_by"), Column.timestamp("updated_at"),
					Column.text("updated_by")));

	/** LiteLLM's organizations (db/migration/V7__organizations.sql). */
	public static final Table ORGANIZATIONS = Table.of("organizations", "organization_id",
			List.of(Column.text("organization_id"), Column.text("organization_alias"), Column.list("models"),
					Column.map("metadata"), Column.decimal("spend"), Column.timestamp("created_at"),
					Column.text("created_by"), Column.timestamp("updated_at"), Column.text("updated_by")));

	public static final Table ORGANIZATION_MEMBERS = Table.of("organization_members", "organization_id",
			List.of(Column.text("organization_id"), Column.text("user_id"), Column.text("user_role"),
					Column.decimal("spend"), Column.timestamp("created_at"), Column.timestamp("updated_at")));

	private AdminTables() {
	}

}
