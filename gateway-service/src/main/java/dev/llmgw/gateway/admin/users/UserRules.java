package dev.llmgw.gateway.admin.users;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.admin.ConfigDefaults;
import dev.llmgw.gateway.admin.AdminClock;
import dev.llmgw.gateway.admin.RequestFields;
import dev.llmgw.gateway.admin.store.UserRow;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.config.BudgetDuration;
import dev.llmgw.gateway.config.LitellmSettings;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.ids.Ids;
import org.jspecify.annotations.Nullable;

/**
 * What a user may hold and how a request sets it: the roles, the config's defaults for
 * internal users (litellm_settings.default_internal_user_params,
 * max_internal_user_budget, internal_user_budget_duration), and which /user/new fields go
 * to the user's first key.
 */
public final class UserRules {

	static final Set<String> ROLES = Set.of(CallerIdentity.PROXY_ADMIN, CallerIdentity.PROXY_ADMIN_VIEWER,
			CallerIdentity.INTERNAL_USER, CallerIdentity.INTERNAL_USER_VIEWER);

	/** /user/new fields that land on the key only. */
	static final List<String> KEY_ONLY = List.of("duration", "key_alias", "aliases", "permissions", "key", "team_id",
			"tags", "allowed_routes", "config", "key_type", "blocked");

	/** /user/new fields that land on both the user and the key. */
	static final List<String> SHARED = List.of("models", "tpm_limit", "rpm_limit", "max_parallel_requests", "metadata",
			"spend", "model_rpm_limit", "model_tpm_limit");

	/** Columns of default_internal_user_params that a first single sign-on sets. */
	private static final List<String> SIGN_ON_COLUMNS = List.of("models", "max_budget", "budget_duration",
			"budget_reset_at", "model_max_budget", "tpm_limit", "rpm_limit", "max_parallel_requests", "metadata");

	private final AdminClock clock;

	private final LitellmSettings settings;

	private final Map<String, @Nullable Object> defaults;

	/**
	 * @throws IllegalStateException when default_internal_user_params holds a value a
	 * request could not
	 */
	public UserRules(AdminClock clock, LitellmSettings settings) {
		this.clock = clock;
		this.settings = settings;
		Map<String, @Nullable Object> defaults = new LinkedHashMap<>();
		if (settings.raw().get("default_internal_user_params") instanceof Map<?, ?> params) {
			params.forEach((field, value) -> defaults.put(String.valueOf(field), value));
		}
		// LiteLLM's list of teams a user may join by themselves; not a user column
		defaults.remove("available_teams");
		this.defaults = java.util.Collections.unmodifiableMap(defaults);
		try {
			changes(new RequestFields(new LinkedHashMap<>(this.defaults)));
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("litellm_settings.default_internal_user_params: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A /user/new body with default_internal_user_params filled in where it sets nothing
	 * (an empty models list counts as nothing), as LiteLLM does for every user but a
	 * proxy admin.
	 */
	Map<String, @Nullable Object> withDefaults(Map<String, @Nullable Object> body) {
		if (CallerIdentity.PROXY_ADMIN.equals(body.get("user_role"))) {
			return body;
		}
		return ConfigDefaults.fill(body, this.defaults);
	}

	/**
	 * The columns default_internal_user_params gives a user made by a first single
	 * sign-on: its models, budget and limits (its role is the sign-on's to decide).
	 */
	public Map<String, @Nullable Object> signOnColumns() {
		Map<String, @Nullable Object> columns = changes(new RequestFields(new LinkedHashMap<>(this.defaults)));
		columns.keySet().retainAll(SIGN_ON_COLUMNS);
		return columns;
	}

	/** A new user from a /user/new body, with the config's internal-user budget. */
	UserRow newUser(RequestFields fields) {
		String role = (fields.string("user_role") != null) ? fields.string("user_role") : CallerIdentity.INTERNAL_USER;
		if (!ROLES.contains(role)) {
			throw new BadRequestError("Invalid user_role: " + role + ". Use one of " + ROLES, null, "user_role");
		}
		Map<String, @Nullable Object> user = new LinkedHashMap<>();
		user.put("user_role", role);
		user.put("spend", 0.0);
		user.putAll(changes(fields));
		// a null user_id is one not given, as in LiteLLM's NewUserRequest: one is made up
		String userId = fields.string("user_id");
		user.put("user_id", (userId != null) ? userId : Ids.uuid());
		boolean internal = role.startsWith("internal_user");
		if (internal && !fields.has("max_budget") && this.settings.maxInternalUserBudget() != null) {
			user.put("max_budget", this.settings.maxInternalUserBudget());
		}
		if (internal && !fields.has("budget_duration") && this.settings.internalUserBudgetDuration() != null) {
			BudgetDuration period = this.settings.internalUserBudgetDuration();
			user.put("budget_duration", period.toString());
			user.put("budget_reset_at", this.clock.firstReset(period));
		}
		user.put("created_at", this.clock.now());
		user.put("updated_at", this.clock.now());
		return UserRow.from(user);
	}

	/** The columns a /user/new or /user/update body sets; absent fields are left out. */
	Map<String, @Nullable Object> changes(RequestFields fields) {
		Map<String, @Nullable Object> user = new LinkedHashMap<>();
		if (fields.has("user_role")) {
			String role = fields.string("user_role");
			if (role == null || !ROLES.contains(role)) {
				throw new BadRequestError("Invalid user_role: " + role + ". Use one of " + ROLES, null, "user_role");
			}
			user.put("user_role", role);
		}
		for (String field : List.of("user_id", "user_alias", "sso_user_id", "organization_id")) {
			if (fields.has(field)) {
				user.put(field, fields.string(field));
			}
		}
		if (fields.has("user_email")) {
			String email = fields.string("user_email");
			user.put("user_email", (email != null) ? email.toLowerCase(Locale.ROOT) : null);
		}
		if (fields.has("models")) {
			user.put("models", fields.strings("models"));
		}
		if (fields.has("max_budget")) {
			user.put("max_budget", fields.budget("max_budget"));
		}
		if (fields.has("budget_duration")) {
			BudgetDuration period = fields.duration("budget_duration");
			user.put("budget_duration", (period != null) ? period.toString() : null);
			user.put("budget_reset_at", (period != null) ? this.clock.firstReset(period) : null);
		}
		if (fields.has("model_max_budget")) {
			user.put("model_max_budget", fields.map("model_max_budget"));
		}
		if (fields.has("tpm_limit")) {
			user.put("tpm_limit", fields.limit("tpm_limit"));
		}
		if (fields.has("rpm_limit")) {
			user.put("rpm_limit", fields.limit("rpm_limit"));
		}
		if (fields.has("max_parallel_requests")) {
			Long parallel = fields.limit("max_parallel_requests");
			user.put("max_parallel_requests", (parallel != null) ? parallel.intValue() : null);
		}
		Map<String, Object> metadata = fields.map("metadata");
		if (metadata != null || fields.raw("model_rpm_limit") != null || fields.raw("model_tpm_limit") != null) {
			Map<String, Object> merged = (metadata != null) ? new LinkedHashMap<>(metadata) : new LinkedHashMap<>();
			for (String field : List.of("model_rpm_limit", "model_tpm_limit")) {
				if (fields.raw(field) != null) {
					merged.put(field, fields.raw(field));
				}
			}
			user.put("metadata", merged);
		}
		return user;
	}

	/** The teams a /user/new body puts the user in: ids, or objects with team_id. */
	static List<String> teamIds(RequestFields fields) {
		Object teams = fields.raw("teams");
		List<String> ids = new ArrayList<>();
		if (teams == null) {
			return ids;
		}
		if (!(teams instanceof List<?> list)) {
			throw new BadRequestError("Invalid value for teams: expected a list", null, "teams");
		}
		for (Object team : list) {
			Object id = (team instanceof Map<?, ?> map) ? map.get("team_id") : team;
			if (id == null || id instanceof Map || id instanceof List) {
				throw new BadRequestError("Invalid value for teams: expected team ids", null, "teams");
			}
			ids.add(id.toString());
		}
		return ids;
	}

}
