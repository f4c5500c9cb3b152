package dev.llmgw.gateway.models;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmgw.gateway.admin.AdminAccess;
import dev.llmgw.ids.Ids;
import dev.llmgw.gateway.admin.RequestFields;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.config.ConfigException;
import dev.llmgw.gateway.config.DeploymentConfig;
import dev.llmgw.gateway.config.ModelEntryBinder;
import dev.llmgw.gateway.providers.ProviderCatalog;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.logs.LogValues;
import dev.llmgw.gateway.storage.RowStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code /model/new}, {@code /model/update} and {@code /model/delete} (LiteLLM's
 * model_management_endpoints): proxy admins add, change and remove models at runtime when
 * general_settings.store_model_in_db is on. A body is checked exactly as a config.yaml
 * entry; a change is committed, applied here, then announced to the other instances.
 */
final class ModelEndpoints {

	private static final Logger log = LoggerFactory.getLogger(ModelEndpoints.class);

	private final boolean enabled;

	private final ModelRegistry registry;

	private final StoredModels store;

	private final StoredModelSync sync;

	private final ModelChangeBroadcast broadcast;

	private final ModelEntryBinder binder;

	private final JsonBodyReader bodies;

	private final Clock clock;

	ModelEndpoints(boolean enabled, ModelRegistry registry, StoredModels store, StoredModelSync sync,
			ModelChangeBroadcast broadcast, ModelEntryBinder binder, JsonBodyReader bodies, Clock clock) {
		this.enabled = enabled;
		this.registry = registry;
		this.store = store;
		this.sync = sync;
		this.broadcast = broadcast;
		this.binder = binder;
		this.bodies = bodies;
		this.clock = clock;
	}

	Mono<ServerResponse> create(ServerRequest request) {
		CallerIdentity caller = permitted(request);
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			DeploymentConfig entry = bind(body);
			String id = (entry.modelInfo().id() != null) ? entry.modelInfo().id() : Ids.uuid();
			if (this.registry.deployment(id) != null) {
				return Mono.error(LiteLlmErrors.duplicate(id));
			}
			Map<String, Object> info = new LinkedHashMap<>(map(body.get("model_info")));
			info.put("id", id);
			OffsetDateTime now = RowStore.now(this.clock);
			StoredModelRow row = new StoredModelRow(id, entry.modelName(),
					new LinkedHashMap<>(map(body.get("litellm_params"))), info, now, changedBy(caller), now,
					changedBy(caller));
			return this.store.find(id)
				.flatMap((existing) -> Mono.<Void>error(LiteLlmErrors.duplicate(id)))
				.then(this.store.insert(row))
				.then(applied("added", id))
				.then(json(view(row)));
		});
	}

	/**
	 * LiteLLM's update: the sent litellm_params are merged over the stored ones (a null
	 * leaves a value as it was), model_name and model_info replaced when sent.
	 */
	Mono<ServerResponse> update(ServerRequest request) {
		CallerIdentity caller = permitted(request);
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			Object id = map(body.get("model_info")).get("id");
			if (id == null) {
				return Mono.error(new BadRequestError("model_info.id: required", null, "model_info.id"));
			}
			String modelId = String.valueOf(id);
			return this.store.find(modelId)
				.switchIfEmpty(Mono.error(() -> this.registry.isConfigured(modelId) ? LiteLlmErrors.inConfigEdit()
						: LiteLlmErrors.notInDb(modelId)))
				.flatMap((row) -> {
					Map<String, Object> params = new LinkedHashMap<>(row.litellmParams());
					map(body.get("litellm_params")).forEach((key, value) -> {
						if (value != null) {
							params.put(key, value);
						}
					});
					Map<String, Object> info = new LinkedHashMap<>(row.modelInfo());
					info.putAll(map(body.get("model_info")));
					Map<String, @Nullable Object> changes = new LinkedHashMap<>();
					changes.put("model_name", (body.get("model_name") != null) ? String.valueOf(body.get("model_name"))
							: row.modelName());
					changes.put("litellm_params", params);
					changes.put("model_info", info);
					bind(StoredModels.entry(row.with(changes)));
					changes.put("updated_at", RowStore.now(this.clock));
					changes.put("updated_by", changedBy(caller));
					return this.store.update(modelId, changes)
						.then(applied("updated", modelId))
						.then(json(view(row.with(changes))));
				});
		});
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		permitted(request);
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			String id = new RequestFields(body).required("id");
			return this.store.delete(id).flatMap((count) -> {
				if (count == 0) {
					return Mono.error(this.registry.isConfigured(id) ? LiteLlmErrors.inConfigDelete(id)
							: LiteLlmErrors.notInDb(id));
				}
				return applied("deleted", id).then(json(Map.of("message", "Model: " + id + " deleted successfully")));
			});
		});
	}

	private CallerIdentity permitted(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		if (!caller.isAdmin()) {
			throw LiteLlmErrors.notAllowed(caller.role());
		}
		if (!this.enabled) {
			throw LiteLlmErrors.storeDisabled();
		}
		return caller;
	}

	/**
	 * Checks a body as config.yaml's model_list entries are checked; 400 naming the path.
	 */
	private DeploymentConfig bind(Map<String, ?> body) {
		try {
			DeploymentConfig config = this.binder.bind(body, "").config();
			ProviderCatalog.requireKnown(config.params().provider(), config.params().model(), "litellm_params.model");
			return config;
		}
		catch (ConfigException ex) {
			String message = String.valueOf(ex.getMessage());
			int colon = message.indexOf(':');
			throw new BadRequestError(message, null, (colon > 0) ? message.substring(0, colon) : null);
		}
	}

	private Mono<Void> applied(String what, String id) {
		return this.sync.reload().doOnSuccess((done) -> {
			log.info("Model {} {}", LogValues.escape(id), what);
			this.broadcast.changed();
		});
	}

	/** The stored row as LiteLLM answers it, secrets left out. */
	private static Map<String, @Nullable Object> view(StoredModelRow row) {
		Map<String, @Nullable Object> view = row.columns();
		view.put("litellm_params", SecretMasking.litellmParams(row.litellmParams()));
		Map<String, Object> info = new LinkedHashMap<>(row.modelInfo());
		info.put("db_model", true);
		view.put("model_info", info);
		return view;
	}

	private static String changedBy(CallerIdentity caller) {
		return (caller.userId() != null) ? caller.userId() : "default_user_id";
	}

	private static Mono<ServerResponse> json(Object body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(@Nullable Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

}
