package dev.llmgw.gateway.storage;

import java.util.List;

import dev.llmgw.gateway.storage.Column;
import dev.llmgw.gateway.storage.Table;

/**
 * The spend tables, as created by db/migration/V2__spend_logs.sql and
 * V6__spend_log_cache.sql.
 */
public final class SpendTables {

	public static final Table SPEND_LOGS = Table.of("spend_logs", "request_id",
			List.of(Column.text("request_id"), Column.text("call_type"), Column.text("status"), Column.text("api_key"),
					Column.text("user_id"), Column.text("team_id"), Column.text("end_user"), Column.decimal("spend"),
					Column.bigint("prompt_tokens"), Column.bigint("completion_tokens"), Column.bigint("total_tokens"),
					Column.timestamp("start_time"), Column.timestamp("end_time"), Column.text("model"),
					Column.text("model_id"), Column.text("model_group"), Column.text("custom_llm_provider"),
					Column.text("api_base"), Column.map("metadata"), Column.text("cache_hit"), Column.text("cache_key"),
					Column.list("request_tags")));

	/**
	 * The Usage page's standard ranges, summed for their closed days
	 * (db/migration/V10__usage_windows.sql).
	 */
	public static final Table USAGE_WINDOWS = Table.of("usage_windows", "window_id",
			List.of(Column.text("window_id"), Column.text("dimension"), Column.text("name"), Column.decimal("spend"),
					Column.bigint("prompt_tokens"), Column.bigint("completion_tokens"), Column.bigint("api_requests"),
					Column.bigint("successful_requests"), Column.bigint("failed_requests")));

	private SpendTables() {
	}

}
