package dev.llmgw.gateway.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Paging and search parameters of the list routes, read and checked as LiteLLM reads them
 * (a bad value is a 400 naming it), and the page they answer.
 */
final class AdminPaging {

	private AdminPaging() {
	}

	/**
	 * A whole-number query parameter within bounds.
	 * @param request the request
	 * @param name the parameter
	 * @param fallback its value when absent
	 * @param min the least it may be
	 * @param max the most it may be
	 * @return the value
	 */
	static long number(ServerRequest request, String name, long fallback, long min, long max) {
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
		throw new BadRequestError("Invalid " + name + ": expected a whole number from " + min
				+ ((max < Integer.MAX_VALUE) ? " to " + max : " up") + ", got " + text, null, name);
	}

	/**
	 * A text for a LIKE pattern, its wildcards taken literally (escaped with a
	 * backslash).
	 */
	static String likeEscaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * LiteLLM's paged list: {@code {"<items>": [...], "total", "page", "page_size",
	 * "total_pages"}}.
	 */
	static Map<String, @Nullable Object> page(String items, List<?> rows, long total, int page, int pageSize) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put(items, rows);
		body.put("total", total);
		body.put("page", page);
		body.put("page_size", pageSize);
		body.put("total_pages", (total + pageSize - 1) / pageSize);
		return body;
	}

}
