package dev.llmgw.gateway.storage;

import java.util.List;

import dev.llmgw.gateway.storage.Column;
import dev.llmgw.gateway.storage.Table;

/**
 * The stored models, as created by db/migration/V3__proxy_models.sql: LiteLLM's
 * LiteLLM_ProxyModelTable.
 */
public final class ProxyModelTable {

	public static final Table TABLE = Table.of("proxy_models", "model_id",
			List.of(Column.text("model_id"), Column.text("model_name"), Column.map("litellm_params"),
					Column.map("model_info"), Column.timestamp("created_at"), Column.text("created_by"),
					Column.timestamp("updated_at"), Column.text("updated_by")));

	private ProxyModelTable() {
	}

}
