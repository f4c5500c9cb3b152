package dev.llmgw.gateway.admin.keys;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.admin.store.KeyRow;
import dev.llmgw.gateway.admin.store.TeamRow;
import dev.llmgw.gateway.admin.store.UserRow;
import dev.llmgw.gateway.config.BudgetDuration;
import org.jspecify.annotations.Nullable;

/**
 * What a non-admin caller's key holds that a key it creates or changes would not inherit
 * by itself when it is used, and so must carry on its own row: the calling key's models,
 * rate limits, budget, per-model limits and expiry, plus its team's models, limits and
 * budget when the new key is not in that team. The caller's user's lists and limits are
 * not here: every key a non-admin makes belongs to its own user, so they keep applying.
 *
 * @param modelLists the model lists that restrict the caller (never empty lists)
 * @param rpm the lowest requests-per-minute limit, null for none
 * @param tpm the lowest tokens-per-minute limit, null for none
 * @param parallel the lowest in-flight limit, null for none
 * @param budgets the budgets that bound the caller
 * @param modelRpm the calling key's per-model requests-per-minute limits
 * @param modelTpm the calling key's per-model tokens-per-minute limits
 * @param modelMaxBudget the calling key's per-model budgets
 * @param expires when the calling key expires, null for never
 */
record KeyPower(List<List<String>> modelLists, @Nullable Long rpm, @Nullable Long tpm, @Nullable Long parallel,
		List<Budget> budgets, Map<String, Long> modelRpm, Map<String, Long> modelTpm,
		Map<String, ModelBudget> modelMaxBudget, @Nullable OffsetDateTime expires) {

	/** Entries of a key's models list that stand for every model. */
	static final Set<String> ALL_MODELS = Set.of("all-proxy-models", "*", "all-team-models");

	/**
	 * @param key the calling key's row
	 * @param team its team's row when the new key is not in that team, else null
	 */
	static KeyPower of(KeyRow key, @Nullable TeamRow team) {
		return of(key.columns(), (team != null) ? team.columns() : null);
	}

	/**
	 * The power of a user signed in without a key (the UI's single sign-on): a key of
	 * that user's would hold the user's own models, limits and budget.
	 */
	static KeyPower of(UserRow user) {
		return of(user.columns(), null);
	}

	/**
	 * Read by column name: keys, users and teams name their models, limits and budget
	 * columns alike.
	 * @param keyRow the calling key's (or user's) columns
	 * @param teamRow its team's columns when the new key is not in that team, else null
	 */
	private static KeyPower of(Map<String, @Nullable Object> keyRow, @Nullable Map<String, @Nullable Object> teamRow) {
		List<List<String>> lists = new ArrayList<>();
		addRestricting(lists, keyRow.get("models"));
		List<Budget> budgets = new ArrayList<>();
		addBudget(budgets, "key", keyRow);
		Long rpm = number(keyRow.get("rpm_limit"));
		Long tpm = number(keyRow.get("tpm_limit"));
		Long parallel = number(keyRow.get("max_parallel_requests"));
		if (teamRow != null) {
			addRestricting(lists, teamRow.get("models"));
			addBudget(budgets, "team", teamRow);
			rpm = lower(rpm, number(teamRow.get("rpm_limit")));
			tpm = lower(tpm, number(teamRow.get("tpm_limit")));
			parallel = lower(parallel, number(teamRow.get("max_parallel_requests")));
		}
		Map<?, ?> metadata = (keyRow.get("metadata") instanceof Map<?, ?> map) ? map : Map.of();
		return new KeyPower(List.copyOf(lists), rpm, tpm, parallel, List.copyOf(budgets),
				perModel(metadata.get("model_rpm_limit")), perModel(metadata.get("model_tpm_limit")),
				modelBudgets(keyRow.get("model_max_budget")), (OffsetDateTime) keyRow.get("expires"));
	}

	/**
	 * A budget that bounds the caller.
	 *
	 * @param owner key or team, for messages
	 * @param remaining what is left of it
	 * @param period how often it resets, null for never
	 */
	record Budget(String owner, double remaining, @Nullable BudgetDuration period) {

	}

	/**
	 * One model_max_budget entry.
	 *
	 * @param limit dollars
	 * @param period how often it resets, null for never
	 */
	record ModelBudget(double limit, @Nullable BudgetDuration period) {

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("budget_limit", this.limit);
			if (this.period != null) {
				json.put("time_period", this.period.toString());
			}
			return json;
		}

	}

	/** A list restricts unless it is empty or names every model. */
	private static void addRestricting(List<List<String>> lists, @Nullable Object models) {
		if (models instanceof List<?> list && !list.isEmpty()
				&& list.stream().map(String::valueOf).noneMatch(ALL_MODELS::contains)) {
			lists.add(list.stream().map(String::valueOf).toList());
		}
	}

	private static void addBudget(List<Budget> budgets, String owner, Map<String, @Nullable Object> row) {
		if (row.get("max_budget") instanceof Number max) {
			double spend = (row.get("spend") instanceof Number spent) ? spent.doubleValue() : 0.0;
			double remaining = max.doubleValue() - spend;
			// a stored value that is not a number (written before such values were
			// refused)
			// bounds everything rather than nothing
			budgets.add(new Budget(owner, Double.isFinite(remaining) ? Math.max(0.0, remaining) : 0.0,
					storedPeriod(row.get("budget_duration"))));
		}
	}

	static Map<String, Long> perModel(@Nullable Object value) {
		Map<String, Long> limits = new LinkedHashMap<>();
		if (value instanceof Map<?, ?> map) {
			map.forEach((model, limit) -> {
				if (limit instanceof Number number) {
					limits.put(String.valueOf(model), number.longValue());
				}
			});
		}
		return limits;
	}

	static Map<String, ModelBudget> modelBudgets(@Nullable Object value) {
		Map<String, ModelBudget> budgets = new LinkedHashMap<>();
		if (value instanceof Map<?, ?> map) {
			map.forEach((model, entry) -> {
				ModelBudget budget = modelBudget(entry);
				if (budget != null) {
					budgets.put(String.valueOf(model), budget);
				}
			});
		}
		return budgets;
	}

	static @Nullable ModelBudget modelBudget(@Nullable Object entry) {
		if (entry instanceof Map<?, ?> budget && budget.get("budget_limit") instanceof Number limit) {
			return new ModelBudget(limit.doubleValue(), storedPeriod(budget.get("time_period")));
		}
		return null;
	}

	/**
	 * A stored period; one that does not parse is read as never resetting, the narrowest
	 * reading, so that it cannot be used to widen anything.
	 */
	private static @Nullable BudgetDuration storedPeriod(@Nullable Object period) {
		if (period == null) {
			return null;
		}
		try {
			return BudgetDuration.parse(period.toString());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable Long number(@Nullable Object value) {
		return (value instanceof Number number) ? number.longValue() : null;
	}

	private static @Nullable Long lower(@Nullable Long a, @Nullable Long b) {
		if (a == null) {
			return b;
		}
		return (b == null) ? a : Math.min(a, b);
	}

}
