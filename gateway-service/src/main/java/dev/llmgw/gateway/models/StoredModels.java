package dev.llmgw.gateway.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.config.ConfigException;
import dev.llmgw.gateway.config.DeploymentConfig;
import dev.llmgw.gateway.config.ModelEntryBinder;
import dev.llmgw.gateway.logs.LogValues;
import dev.llmgw.gateway.storage.ProxyModelTable;
import dev.llmgw.gateway.storage.RowStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The rows of {@link ProxyModelTable}, and their reading as model_list entries with
 * config.yaml's rules. A row that no longer reads (a provider setting of the wrong type
 * written by another version, say) is left out with a warning rather than stopping the
 * others.
 */
final class StoredModels {

	private static final Logger log = LoggerFactory.getLogger(StoredModels.class);

	private static final int MAX_MODELS = 100_000;

	private final RowStore rows;

	private final ModelEntryBinder binder;

	private final StoredSecrets secrets;

	StoredModels(RowStore rows, ModelEntryBinder binder, StoredSecrets secrets) {
		this.rows = rows;
		this.binder = binder;
		this.secrets = secrets;
	}

	Mono<List<DeploymentConfig>> loadAll() {
		// newest first from the store; oldest first here, so that groups keep the order
		// models were added in
		return this.rows.findAll(ProxyModelTable.TABLE, Map.of(), MAX_MODELS, 0).concatMapIterable((row) -> {
			DeploymentConfig entry = read(StoredModelRow.from(row));
			return (entry != null) ? List.of(entry) : List.of();
		}).collectList().map((entries) -> {
			Collections.reverse(entries);
			return entries;
		});
	}

	/**
	 * The row, its credentials decrypted; one that cannot be decrypted (stored under
	 * another LITELLM_SALT_KEY) is left out with a warning, so an update can replace it.
	 */
	Mono<StoredModelRow> find(String modelId) {
		return this.rows.find(ProxyModelTable.TABLE, modelId).map(StoredModelRow::from).map((row) -> {
			List<String> lost = new ArrayList<>();
			StoredModelRow opened = row.withParams(this.secrets.openReadable(row.litellmParams(), lost));
			if (!lost.isEmpty()) {
				log.warn("stored model {}: {} cannot be decrypted with this LITELLM_SALT_KEY; send new values with "
						+ "/model/update", LogValues.escape(modelId), lost);
			}
			return opened;
		});
	}

	/** Stores a row, its credentials encrypted. */
	Mono<Void> insert(StoredModelRow row) {
		return this.rows.insert(ProxyModelTable.TABLE, sealed(row.columns()));
	}

	Mono<Long> update(String modelId, Map<String, @Nullable Object> changes) {
		return this.rows.update(ProxyModelTable.TABLE, modelId, sealed(changes));
	}

	private Map<String, @Nullable Object> sealed(Map<String, @Nullable Object> row) {
		if (!row.containsKey("litellm_params")) {
			return row;
		}
		Map<String, @Nullable Object> sealed = new LinkedHashMap<>(row);
		sealed.put("litellm_params", this.secrets.seal(map(row.get("litellm_params"))));
		return sealed;
	}

	private StoredModelRow opened(StoredModelRow row) {
		return row.withParams(this.secrets.open(row.litellmParams()));
	}

	Mono<Long> delete(String modelId) {
		return this.rows.delete(ProxyModelTable.TABLE, modelId);
	}

	/** The entry a row stands for: its model_info.id is the row's model_id. */
	static Map<String, Object> entry(StoredModelRow row) {
		Map<String, Object> info = new LinkedHashMap<>(row.modelInfo());
		info.put("id", String.valueOf(row.modelId()));
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("model_name", String.valueOf(row.modelName()));
		entry.put("litellm_params", row.litellmParams());
		entry.put("model_info", info);
		return entry;
	}

	private @Nullable DeploymentConfig read(StoredModelRow row) {
		String path = "stored model " + row.modelId();
		try {
			ModelEntryBinder.Bound bound = this.binder.bind(entry(opened(row)), path);
			bound.warnings().forEach((warning) -> log.warn("{}", warning));
			return bound.config();
		}
		catch (ConfigException ex) {
			log.warn("{} left out: {}", path, ex.getMessage());
			return null;
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(@Nullable Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

}
