package dev.llmgw.gateway.admin.keys;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.admin.AdminClock;
import dev.llmgw.gateway.admin.AdminViews;
import dev.llmgw.gateway.admin.RequestFields;
import dev.llmgw.gateway.admin.store.KeyRow;
import dev.llmgw.gateway.auth.ApiKeys;
import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.auth.RouteAccess;
import dev.llmgw.gateway.config.BudgetDuration;
import dev.llmgw.gateway.error.BadRequestError;
import org.jspecify.annotations.Nullable;

/**
 * Builds and shapes key rows: a new key from a /key/generate (or /user/new) body with the
 * config's defaults and caps applied, the changes of a /key/update body, and the response
 * bodies LiteLLM clients read. A key being made or changed is a draft, its columns in a
 * map, until the checks on it (the caller's power, own limits) have completed it; then it
 * is written as a {@link KeyRow}.
 */
public final class KeyRows {

	private final AdminClock clock;

	private final Map<String, Object> defaults;

	private final Map<String, Object> upperBounds;

	KeyRows(AdminClock clock, Map<String, Object> defaults, Map<String, Object> upperBounds) {
		this.clock = clock;
		this.defaults = defaults;
		this.upperBounds = upperBounds;
	}

	/**
	 * The body with the config's default_key_generate_params filled in where the caller
	 * set nothing.
	 */
	public RequestFields withDefaults(Map<String, @Nullable Object> body) {
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
	public Map<String, @Nullable Object> newRow(RequestFields fields, String rawKey, @Nullable String createdBy) {
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
			row.put("budget_reset_at", (period != null) ? this.clock.firstReset(period) : null);
		}
		if (fields.has("duration")) {
			String duration = fields.string("duration");
			row.put("expires", (duration == null || duration.equals("-1")) ? null
					: fields.duration("duration").addTo(now.toZonedDateTime()).toOffsetDateTime());
		}
		Map<String, Object> metadata = fields.map("metadata");
		boolean metadataFields = AdminViews.METADATA_FIELDS.stream().anyMatch((field) -> fields.raw(field) != null);
		if (metadata != null || metadataFields) {
			Map<String, Object> merged = (metadata != null) ? new LinkedHashMap<>(metadata) : new LinkedHashMap<>();
			for (String field : AdminViews.METADATA_FIELDS) {
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
	public static Map<String, @Nullable Object> generateResponse(Map<String, @Nullable Object> row, String rawKey) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		KeyRow.TABLE.columns().keySet().forEach((column) -> body.put(column, null));
		body.put("key", rawKey);
		body.put("key_name", row.get("key_name"));
		body.put("token", row.get("token"));
		body.put("token_id", row.get("token"));
		body.putAll(AdminViews.publicView(row));
		body.remove("budget_reset_at");
		body.remove("soft_budget");
		body.put("litellm_budget_table", null);
		return body;
	}

	OffsetDateTime now() {
		return this.clock.now();
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
