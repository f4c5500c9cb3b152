package dev.llmgw.gateway.models;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmgw.gateway.storage.ProxyModelTable;
import org.jspecify.annotations.Nullable;

/**
 * A stored model (proxy_models, LiteLLM's LiteLLM_ProxyModelTable): one model_list entry
 * added with {@code /model/new}. One component per column of {@link ProxyModelTable}, in
 * its order; the JSON maps are empty rather than null, as the database stores them.
 *
 * @param modelId the entry's model_info.id
 * @param modelName the model group it serves
 * @param litellmParams the entry's litellm_params, credentials sealed in the database and
 * open in memory (see {@link StoredModels})
 * @param modelInfo the entry's model_info
 * @param createdAt when it was added
 * @param createdBy who added it
 * @param updatedAt when it last changed
 * @param updatedBy who changed it last
 */
record StoredModelRow(@Nullable String modelId, @Nullable String modelName, Map<String, Object> litellmParams,
		Map<String, Object> modelInfo, @Nullable OffsetDateTime createdAt, @Nullable String createdBy,
		@Nullable OffsetDateTime updatedAt, @Nullable String updatedBy) {

	/** The row of a column map, as {@code RowStore} reads it. */
	@SuppressWarnings("unchecked")
	static StoredModelRow from(Map<String, ? extends @Nullable Object> row) {
		return new StoredModelRow(text(row.get("model_id")), text(row.get("model_name")),
				(row.get("litellm_params") instanceof Map<?, ?> params)
						? new LinkedHashMap<>((Map<String, Object>) params) : new LinkedHashMap<>(),
				(row.get("model_info") instanceof Map<?, ?> info) ? new LinkedHashMap<>((Map<String, Object>) info)
						: new LinkedHashMap<>(),
				(OffsetDateTime) row.get("created_at"), text(row.get("created_by")),
				(OffsetDateTime) row.get("updated_at"), text(row.get("updated_by")));
	}

	Map<String, @Nullable Object> columns() {
		Map<String, @Nullable Object> columns = new LinkedHashMap<>();
		columns.put("model_id", this.modelId);
		columns.put("model_name", this.modelName);
		columns.put("litellm_params", this.litellmParams);
		columns.put("model_info", this.modelInfo);
		columns.put("created_at", this.createdAt);
		columns.put("created_by", this.createdBy);
		columns.put("updated_at", this.updatedAt);
		columns.put("updated_by", this.updatedBy);
		return columns;
	}

	/** This row with some columns changed, as an update writes them. */
	StoredModelRow with(Map<String, ? extends @Nullable Object> changes) {
		Map<String, @Nullable Object> columns = columns();
		columns.putAll(changes);
		return from(columns);
	}

	/** This row with other litellm_params (sealed or opened credentials). */
	StoredModelRow withParams(Map<String, Object> params) {
		return new StoredModelRow(this.modelId, this.modelName, params, this.modelInfo, this.createdAt, this.createdBy,
				this.updatedAt, this.updatedBy);
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value != null) ? value.toString() : null;
	}

}
