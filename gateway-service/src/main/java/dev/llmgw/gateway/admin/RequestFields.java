package dev.llmgw.gateway.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.llmgw.gateway.config.BudgetDuration;
import dev.llmgw.gateway.error.BadRequestError;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of an admin request body. Unknown fields are ignored, as LiteLLM's request
 * models ignore them; a field of the wrong type is a 400 naming it in {@code param}
 * (where LiteLLM would answer FastAPI's 422).
 */
public final class RequestFields {

	private final Map<String, @Nullable Object> body;

	public RequestFields(Map<String, @Nullable Object> body) {
		this.body = body;
	}

	public boolean has(String field) {
		return this.body.containsKey(field);
	}

	public @Nullable Object raw(String field) {
		return this.body.get(field);
	}

	public @Nullable String string(String field) {
		Object value = this.body.get(field);
		if (value == null) {
			return null;
		}
		if (value instanceof Map || value instanceof List) {
			throw invalid(field, "a string");
		}
		return value.toString();
	}

	public @Nullable Double decimal(String field) {
		Object value = this.body.get(field);
		if (value == null) {
			return null;
		}
		// NaN and the infinities are not numbers a limit or a budget can be compared
		// with:
		// every comparison with NaN is false, so it would pass every bound
		if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
			return number.doubleValue();
		}
		if (value instanceof String text) {
			try {
				double parsed = Double.parseDouble(text.trim());
				if (Double.isFinite(parsed)) {
					return parsed;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
		}
		throw invalid(field, "a finite number");
	}

	/** A budget in dollars: a number, not negative. */
	public @Nullable Double budget(String field) {
		Double value = decimal(field);
		if (value != null && value < 0) {
			throw new BadRequestError(field + " cannot be negative. Received: " + value, null, field);
		}
		return value;
	}

	public @Nullable Long integer(String field) {
		Object value = this.body.get(field);
		if (value == null) {
			return null;
		}
		if (value instanceof Integer || value instanceof Long) {
			return ((Number) value).longValue();
		}
		if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
			return number.longValue();
		}
		if (value instanceof String text) {
			try {
				return Long.valueOf(text.trim());
			}
			catch (NumberFormatException ex) {
				// reported below
			}
		}
		throw invalid(field, "an integer");
	}

	/** A limit: an integer, not negative. */
	public @Nullable Long limit(String field) {
		Long value = integer(field);
		if (value != null && value < 0) {
			throw new BadRequestError(field + " cannot be negative. Received: " + value, null, field);
		}
		return value;
	}

	public @Nullable Boolean bool(String field) {
		Object value = this.body.get(field);
		if (value == null) {
			return null;
		}
		if (value instanceof Boolean b) {
			return b;
		}
		if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
			return Boolean.valueOf(text);
		}
		throw invalid(field, "true or false");
	}

	/** A string the call cannot do without. */
	public String required(String field) {
		String value = string(field);
		if (value == null || value.isBlank()) {
			throw new BadRequestError("Missing required field: " + field, null, field);
		}
		return value;
	}

	/** A list of ids the call cannot do without, e.g. the user_ids to delete. */
	public List<String> requiredStrings(String field) {
		List<String> values = strings(field);
		if (values == null || values.isEmpty()) {
			throw new BadRequestError("Send " + field + " (a non-empty list)", null, field);
		}
		return values;
	}

	public @Nullable List<String> strings(String field) {
		Object value = this.body.get(field);
		if (value == null) {
			return null;
		}
		if (!(value instanceof List<?> list)) {
			throw invalid(field, "a list of strings");
		}
		List<String> strings = new ArrayList<>(list.size());
		for (Object item : list) {
			if (item == null || item instanceof Map || item instanceof List) {
				throw invalid(field, "a list of strings");
			}
			strings.add(item.toString());
		}
		return strings;
	}

	public @Nullable Map<String, Object> map(String field) {
		Object value = this.body.get(field);
		if (value == null) {
			return null;
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw invalid(field, "an object");
		}
		Map<String, Object> copy = new LinkedHashMap<>();
		map.forEach((k, v) -> copy.put(String.valueOf(k), v));
		return copy;
	}

	/** A LiteLLM duration such as 30d or 1mo. */
	public @Nullable BudgetDuration duration(String field) {
		String value = string(field);
		if (value == null) {
			return null;
		}
		try {
			return BudgetDuration.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequestError(field + ": " + ex.getMessage(), null, field);
		}
	}

	private static BadRequestError invalid(String field, String expected) {
		return new BadRequestError("Invalid value for " + field + ": expected " + expected, null, field);
	}

	/**
	 * Refuses, by name, the first of these fields the request sets: LiteLLM's fields that
	 * the gateway accepts nowhere because it does not enforce them, so they are never
	 * stored and ignored.
	 * @param names the fields
	 * @param message what the 400 says, given the field
	 */
	public void refuseAny(List<String> names, Function<String, String> message) {
		for (String field : names) {
			if (raw(field) != null) {
				throw new BadRequestError(message.apply(field), null, field);
			}
		}
	}

}
