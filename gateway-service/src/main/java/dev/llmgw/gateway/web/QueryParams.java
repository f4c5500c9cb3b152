package dev.llmgw.gateway.web;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.gateway.error.BadRequestError;

import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Query parameters of the list and report routes, read and checked alike everywhere: a
 * value out of bounds or not a number is a 400 naming the parameter, never a 500.
 */
public final class QueryParams {

	private QueryParams() {
	}

	/**
	 * A whole-number parameter within bounds.
	 * @param request the request
	 * @param name the parameter
	 * @param fallback its value when absent or blank
	 * @param min the least it may be
	 * @param max the most it may be
	 * @return the value
	 */
	public static long number(ServerRequest request, String name, long fallback, long min, long max) {
		String text = request.queryParam(name).orElse(null);
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			long value = Long.parseLong(text.trim());
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// the error below names the value
		}
		throw new BadRequestError(
				"Invalid " + name + ": expected a whole number from " + min + " to " + max + ", got " + text, null,
				name);
	}

	/**
	 * A list parameter, given repeated or comma-separated ({@code ?ids=a,b&ids=c}),
	 * blanks left out.
	 * @param request the request
	 * @param name the parameter
	 * @param most how many values it may hold
	 * @return the values
	 */
	public static List<String> list(ServerRequest request, String name, int most) {
		List<String> values = new ArrayList<>();
		request.queryParams().getOrDefault(name, List.of()).forEach((text) -> {
			for (String value : text.split(",")) {
				if (!value.isBlank()) {
					values.add(value.trim());
				}
			}
		});
		if (values.size() > most) {
			throw new BadRequestError("Invalid " + name + ": at most " + most + " values", null, name);
		}
		return values;
	}

	/**
	 * A text for a LIKE pattern, its wildcards taken literally (escaped with a
	 * backslash).
	 */
	public static String likeEscaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
