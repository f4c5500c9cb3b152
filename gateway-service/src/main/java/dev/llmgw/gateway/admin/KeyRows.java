package dev.llmgw.gateway.admin;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.auth.ApiKeys;
import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.auth.RouteAccess;
import dev.llmgw.gateway.config.BudgetDuration;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.storage.AdminTables;
import dev.llmgw.gateway.storage.RowStore;
import org.jspecify.annotations.Nullable;

/**
 * Builds and shapes key rows: a new key from a /key/generate (or /user/new) body with the
 * config's defaults and caps applied, the changes of a /key/update body, and the response
 * bodies LiteLLM clients read.
 */
final class KeyRows {

	/**
	 * Fields LiteLLM keeps in metadata rather than in columns (shared/spec/admin-api.md
	 * §2.1).
	 */
	static final List<String> METADATA_FIELDS = List.of("model_rpm_limit", "model_tpm_limit", "rpm_limit_type",
			"tpm_limit_type", "enforced_params", "guardrails", "policies", "prompts");

	private final Clock clock;

	private final Map<String, Object> defaults;

	private final Map<String, Object> upperBounds;

	KeyRows(Clock clock, Map<String, Object> defaults, Map<String, Object> upperBounds) {
		this.clock = clock;
		this.defaults = defaults;
		this.upperBounds = upperBounds;
	}

	/**
	 * The body with the config's default_key_generate_params filled in where the caller
	 * set nothing.
	 */
	RequestFields withDefaults(Map<String, @Nullable Object> body) {
		Map<String, @Nullable Object> merged = new LinkedHashMap<>(body);
		this.defaults.forEach((field, value) -> {
			if (merged.get(field) == null) {
				merged.put(field, value);
			}
		});
		return new RequestFields(merged);
	}

	/**
	 * Refuses values above the config's upperbound_key_generate_params, with LiteLLM's
	 * message.
	 */
	void checkUpperBounds(RequestFields fields) {
		for (Map.Entry<String, Object> bound : this.upperBounds.entrySet()) {
			String field = bound.getKey();
			if (fields.raw(field) == null) {
				continue;
			}
			boolean over;
			if (field.equals("duration") || field.equals("budget_duration")) {
				OffsetDateTime now = now();
				over = fields.duration(field)
					.addTo(now.toZonedDateTime())
					.isAfter(BudgetDuration.parse(bound.getValue().toString()).addTo(now.toZonedDateTime()));
			}
			else {
				Double value = fields.decimal(field);
				over = value != null && value > ((Number) bound.getValue()).doubleValue();
			}
			if (over) {
				throw new BadRequestError(field + " is over max limit set in config - user_value=" + fields.raw(field)
						+ "; max_value=" + bound.getValue(), null, field);
			}
		}
	}

	/**
	 * The row of a new key.
	 * @param fields the request (defaults applied)
	 * @param rawKey the key, shown once and stored only as its hash
	 * @param createdBy the creator's user id
	 */
	Map<String, @Nullable Object> newRow(RequestFields fields, String rawKey, @Nullable String createdBy) {
		OffsetDateTime now = now();
		Map<String, @Nullable Object> row = new LinkedHashMap<>();
		row.put("token", KeyHashes.sha256Hex(rawKey));
		row.put("key_name", ApiKeys.mask(rawKey));
		row.put("spend", orZero(fields.decimal("spend")));
		row.put("created_at", now);
		row.put("created_by", createdBy);
		row.put("updated_at", now);
		row.put("updated_by", createdBy);
		row.putAll(changes(fields, now));
		return row;
	}

	/** The columns a generate or update body sets; absent fields are left out. */
	Map<String, @Nullable Object> changes(RequestFields fields, OffsetDateTime now) {
		Map<String, @Nullable Object> row = new LinkedHashMap<>();
		putIfGiven(row, fields, "key_alias", fields.string("key_alias"));
		putIfGiven(row, fields, "user_id", fields.string("user_id"));
		putIfGiven(row, fields, "team_id", fields.string("team_id"));
		putIfGiven(row, fields, "organization_id", fields.string("organization_id"));
		putIfGiven(row, fields, "budget_id", fields.string("budget_id"));
		putIfGiven(row, fields, "models", fields.strings("models"));
		putIfGiven(row, fields, "aliases", fields.map("aliases"));
		putIfGiven(row, fields, "config", fields.map("config"));
		putIfGiven(row, fields, "permissions", fields.map("permissions"));
		List<String> allowedRoutes = fields.strings("allowed_routes");
		if (allowedRoutes != null) {
			for (String entry : allowedRoutes) {
				if (!RouteAccess.isValidEntry(entry)) {
					throw new BadRequestError("Invalid allowed_routes entry \"" + entry
							+ "\": expected a route starting with / (not / or /* alone), or a route group such as "
							+ "llm_api_routes", null, "allowed_routes");
				}
			}
		}
		putIfGiven(row, fields, "allowed_routes", allowedRoutes);
		putIfGiven(row, fields, "allowed_cache_controls", fields.strings("allowed_cache_controls"));
		putIfGiven(row, fields, "tags", fields.strings("tags"));
		putIfGiven(row, fields, "max_budget", fields.budget("max_budget"));
		putIfGiven(row, fields, "soft_budget", fields.budget("soft_budget"));
		putIfGiven(row, fields, "model_max_budget", fields.map("model_max_budget"));
		putIfGiven(row, fields, "tpm_limit", fields.limit("tpm_limit"));
		putIfGiven(row, fields, "rpm_limit", fields.limit("rpm_limit"));
		Long parallel = fields.limit("max_parallel_requests");
		putIfGiven(row, fields, "max_parallel_requests", (parallel != null) ? parallel.intValue() : null);
		putIfGiven(row, fields, "blocked", fields.bool("blocked"));
		putIfGiven(row, fields, "key_type", fields.string("key_type"));
		String keyType = fields.string("key_type");
		if (keyType != null) {
			List<String> preset = RouteAccess.KEY_TYPES.get(keyType);
			if (preset == null) {
				throw new BadRequestError("Invalid key_type: expected one of "
						+ RouteAccess.KEY_TYPES.keySet().stream().sorted().toList() + ", got " + keyType, null,
						"key_type");
			}
			if (!fields.has("allowed_routes")) {
				// as LiteLLM: the type stands for the routes the key may call
				row.put("allowed_routes", preset);
			}
		}
		if (fields.has("budget_duration")) {
			BudgetDuration period = fields.duration("budget_duration");
			row.put("budget_duration", (period != null) ? period.toString() : null);
			row.put("budget_reset_at",
					(period != null) ? period.addTo(now.toZonedDateTime()).toOffsetDateTime() : null);
		}
		if (fields.has("duration")) {
			String duration = fields.string("duration");
			row.put("expires", (duration == null || duration.equals("-1")) ? null
					: fields.duration("duration").addTo(now.toZonedDateTime()).toOffsetDateTime());
		}
		Map<String, Object> metadata = fields.map("metadata");
		boolean metadataFields = METADATA_FIELDS.stream().anyMatch((field) -> fields.raw(field) != null);
		if (metadata != null || metadataFields) {
			Map<String, Object> merged = (metadata != null) ? new LinkedHashMap<>(metadata) : new LinkedHashMap<>();
			for (String field : METADATA_FIELDS) {
				Object value = fields.raw(field);
				if (value != null) {
					merged.put(field, value);
				}
			}
			row.put("metadata", merged);
		}
		return row;
	}

	/**
	 * LiteLLM's GenerateKeyResponse: every field present, null when unset; the raw key
	 * shown this once.
	 */
	static Map<String, @Nullable Object> generateResponse(Map<String, @Nullable Object> row, String rawKey) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		AdminTables.KEYS.columns().keySet().forEach((column) -> body.put(column, null));
		body.put("key", rawKey);
		body.put("key_name", row.get("key_name"));
		body.put("token", row.get("token"));
		body.put("token_id", row.get("token"));
		body.putAll(publicView(row));
		body.remove("budget_reset_at");
		body.remove("soft_budget");
		body.put("litellm_budget_table", null);
		return body;
	}

	/**
	 * A key row as /key/info and /key/list show it: times as ISO text, metadata fields
	 * also at top level.
	 */
	static Map<String, @Nullable Object> publicView(Map<String, @Nullable Object> row) {
		Map<String, @Nullable Object> view = new LinkedHashMap<>();
		row.forEach(
				(column, value) -> view.put(column, (value instanceof OffsetDateTime time) ? time.toString() : value));
		Object metadata = row.get("metadata");
		if (metadata instanceof Map<?, ?> map) {
			for (String field : METADATA_FIELDS) {
				view.put(field, map.get(field));
			}
		}
		return view;
	}

	OffsetDateTime now() {
		return RowStore.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

	private static void putIfGiven(Map<String, @Nullable Object> row, RequestFields fields, String field,
			@Nullable Object value) {
		if (fields.has(field)) {
			row.put(field, value);
		}
	}

	private static double orZero(@Nullable Double value) {
		return (value != null) ? value : 0.0;
	}

}
