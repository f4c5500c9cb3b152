package dev.llmgw.gateway.admin.keys;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.config.BudgetDuration;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.PermissionDeniedError;
import org.jspecify.annotations.Nullable;

/**
 * Holds a key row that a non-admin creates or changes to the caller's {@link KeyPower}:
 * no model the caller may not use, no limit or budget above the caller's, no budget that
 * resets sooner, no later expiry. A field the caller left unset (or cleared) inherits the
 * caller's value instead of meaning "unlimited"; a field the caller set above its own is
 * refused with a 403 naming it; a value that came from the config's
 * default_key_generate_params is lowered to the caller's.
 */
final class KeyPowerCheck {

	/** The fields this check governs, as request fields. */
	static final Set<String> FIELDS = Set.of("models", "rpm_limit", "tpm_limit", "max_parallel_requests", "max_budget",
			"budget_duration", "model_rpm_limit", "model_tpm_limit", "model_max_budget", "duration", "metadata");

	/** The row columns this check may change. */
	static final List<String> COLUMNS = List.of("models", "rpm_limit", "tpm_limit", "max_parallel_requests",
			"max_budget", "budget_duration", "budget_reset_at", "metadata", "model_max_budget", "expires");

	private final KeyPower power;

	private final Map<String, @Nullable Object> row;

	private final Set<String> explicit;

	private final OffsetDateTime now;

	private KeyPowerCheck(KeyPower power, Map<String, @Nullable Object> row, Set<String> explicit, OffsetDateTime now) {
		this.power = power;
		this.row = row;
		this.explicit = explicit;
		this.now = now;
	}

	/**
	 * Brings {@code row} within {@code power}, in place.
	 * @param scope the request fields to check (see {@link #FIELDS})
	 * @param explicit the request fields the caller set to a value
	 */
	static void apply(KeyPower power, Map<String, @Nullable Object> row, Set<String> scope, Set<String> explicit,
			OffsetDateTime now) {
		KeyPowerCheck check = new KeyPowerCheck(power, row, explicit, now);
		if (scope.contains("models")) {
			check.models();
		}
		check.limit("rpm_limit", power.rpm(), scope);
		check.limit("tpm_limit", power.tpm(), scope);
		check.limit("max_parallel_requests", power.parallel(), scope);
		if (scope.contains("max_budget") || scope.contains("budget_duration")) {
			check.budget();
		}
		if (scope.contains("model_rpm_limit") || scope.contains("metadata")) {
			check.perModel("model_rpm_limit", power.modelRpm());
		}
		if (scope.contains("model_tpm_limit") || scope.contains("metadata")) {
			check.perModel("model_tpm_limit", power.modelTpm());
		}
		if (scope.contains("model_max_budget")) {
			check.modelMaxBudget();
		}
		if (scope.contains("duration")) {
			check.expiry();
		}
	}

	private void models() {
		List<List<String>> lists = this.power.modelLists();
		if (lists.isEmpty()) {
			return;
		}
		List<String> asked = (this.row.get("models") instanceof List<?> list)
				? list.stream().map(String::valueOf).toList() : List.of();
		List<String> kept = new ArrayList<>();
		for (String model : asked) {
			if (permits(lists, model)) {
				kept.add(model);
			}
			else if (this.explicit.contains("models")) {
				throw refused("models", "models=" + asked + " includes " + model
						+ ", which your key may not use. Your key can only access models=" + lists.get(0));
			}
		}
		if (kept.isEmpty()) {
			// an empty list means every model: inherit the caller's list instead
			for (String model : lists.get(0)) {
				if (permits(lists, model)) {
					kept.add(model);
				}
			}
			if (kept.isEmpty()) {
				throw refused("models", "your key's model lists " + lists
						+ " have no model in common, so it cannot give any model to a new key");
			}
		}
		this.row.put("models", kept);
	}

	/**
	 * Whether every restricting list allows this entry: an entry standing for every model
	 * never, a wildcard only when each list has it as such, a model name when each list
	 * allows it.
	 */
	private static boolean permits(List<List<String>> lists, String model) {
		if (KeyPower.ALL_MODELS.contains(model)) {
			return false;
		}
		for (List<String> list : lists) {
			boolean allowed = model.contains("*") ? list.contains(model) : list.stream().anyMatch((entry) -> {
				int star = entry.indexOf('*');
				return entry.equals(model) || (star >= 0 && model.startsWith(entry.substring(0, star))
						&& model.endsWith(entry.substring(star + 1)));
			});
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

	private void limit(String field, @Nullable Long bound, Set<String> scope) {
		if (bound == null || !scope.contains(field)) {
			return;
		}
		Object value = this.row.get(field);
		if (value instanceof Number number && number.longValue() <= bound) {
			return;
		}
		if (value != null && this.explicit.contains(field)) {
			throw refused(field, field + "=" + value + " is above your key's " + field + "=" + bound);
		}
		this.row.put(field, field.equals("max_parallel_requests") ? (Object) bound.intValue() : bound);
	}

	private void budget() {
		List<KeyPower.Budget> budgets = this.power.budgets();
		if (budgets.isEmpty()) {
			return;
		}
		KeyPower.Budget binding = budgets.get(0);
		for (KeyPower.Budget budget : budgets) {
			if (budget.remaining() < binding.remaining()) {
				binding = budget;
			}
		}
		boolean inherited = false;
		Object max = this.row.get("max_budget");
		if (!(max instanceof Number number) || number.doubleValue() > binding.remaining()) {
			if (max != null && this.explicit.contains("max_budget")) {
				throw refused("max_budget", "max_budget=" + max + " is above what is left of your " + binding.owner()
						+ "'s budget (" + binding.remaining() + ")");
			}
			this.row.put("max_budget", binding.remaining());
			inherited = true;
		}
		Object asked = this.row.get("budget_duration");
		if (asked == null) {
			// no reset is the narrowest period; an inherited budget keeps the caller's
			if (inherited) {
				setPeriod(binding.period());
			}
			return;
		}
		BudgetDuration period = BudgetDuration.parse(asked.toString());
		for (KeyPower.Budget budget : budgets) {
			if (budget.period() == null || shorter(period, budget.period())) {
				if (this.explicit.contains("budget_duration")) {
					throw refused("budget_duration",
							"budget_duration=" + asked + " would reset the budget "
									+ ((budget.period() != null)
											? "sooner than your " + budget.owner() + "'s (" + budget.period() + ")"
											: "while your " + budget.owner() + "'s never resets"));
				}
				setPeriod(binding.period());
				return;
			}
		}
	}

	private void setPeriod(@Nullable BudgetDuration period) {
		this.row.put("budget_duration", (period != null) ? period.toString() : null);
		this.row.put("budget_reset_at",
				(period != null) ? period.nextReset(this.now.toZonedDateTime()).toOffsetDateTime() : null);
	}

	private boolean shorter(BudgetDuration period, BudgetDuration than) {
		return period.addTo(this.now.toZonedDateTime()).isBefore(than.addTo(this.now.toZonedDateTime()));
	}

	private void perModel(String field, Map<String, Long> bounds) {
		if (bounds.isEmpty()) {
			return;
		}
		Map<String, Object> metadata = (this.row.get("metadata") instanceof Map<?, ?> map) ? copy(map)
				: new LinkedHashMap<>();
		Map<String, Long> asked = KeyPower.perModel(metadata.get(field));
		Map<String, Object> result = (metadata.get(field) instanceof Map<?, ?> map) ? copy(map) : new LinkedHashMap<>();
		boolean explicitly = this.explicit.contains(field) || this.explicit.contains("metadata");
		bounds.forEach((model, bound) -> {
			Long value = asked.get(model);
			if (value != null && value > bound && explicitly) {
				throw refused(field, field + " for " + model + "=" + value + " is above your key's " + bound);
			}
			if (value == null || value > bound) {
				result.put(model, bound);
			}
		});
		metadata.put(field, result);
		this.row.put("metadata", metadata);
	}

	private void modelMaxBudget() {
		Map<String, KeyPower.ModelBudget> bounds = this.power.modelMaxBudget();
		Map<String, Object> result = (this.row.get("model_max_budget") instanceof Map<?, ?> map) ? copy(map)
				: new LinkedHashMap<>();
		result.forEach((model, entry) -> {
			if (entry instanceof Map<?, ?> budget && budget.get("time_period") != null) {
				try {
					BudgetDuration.parse(budget.get("time_period").toString());
				}
				catch (IllegalArgumentException ex) {
					throw new BadRequestError("model_max_budget: " + ex.getMessage(), null, "model_max_budget");
				}
			}
		});
		boolean explicitly = this.explicit.contains("model_max_budget");
		bounds.forEach((model, bound) -> {
			KeyPower.ModelBudget asked = KeyPower.modelBudget(result.get(model));
			boolean wider = asked == null || asked.limit() > bound.limit()
					|| (asked.period() != null && (bound.period() == null || shorter(asked.period(), bound.period())));
			if (wider && asked != null && explicitly) {
				throw refused("model_max_budget",
						"model_max_budget for " + model + " is wider than your key's (" + bound.toJson() + ")");
			}
			if (wider) {
				result.put(model, bound.toJson());
			}
		});
		if (!bounds.isEmpty()) {
			this.row.put("model_max_budget", result);
		}
	}

	private void expiry() {
		OffsetDateTime limit = this.power.expires();
		if (limit == null) {
			return;
		}
		Object expires = this.row.get("expires");
		if (expires instanceof OffsetDateTime time && !time.isAfter(limit)) {
			return;
		}
		if (this.explicit.contains("duration")) {
			throw refused("duration", "the key would expire " + ((expires != null) ? "at " + expires : "never")
					+ ", after your key does (" + limit + ")");
		}
		this.row.put("expires", limit);
	}

	private static Map<String, Object> copy(Map<?, ?> map) {
		Map<String, Object> copy = new LinkedHashMap<>();
		map.forEach((key, value) -> copy.put(String.valueOf(key), value));
		return copy;
	}

	private static PermissionDeniedError refused(String field, String why) {
		return new PermissionDeniedError("A key cannot be given more than the key that creates or changes it has: "
				+ why + ". Ask a proxy admin for more.", null, field);
	}

}
