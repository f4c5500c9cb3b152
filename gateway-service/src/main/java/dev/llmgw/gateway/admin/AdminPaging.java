package dev.llmgw.gateway.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Paging and search parameters of the list routes, read and checked as LiteLLM reads them
 * (a bad value is a 400 naming it), and the page they answer.
 */
public final class AdminPaging {

	private AdminPaging() {
	}

	/**
	 * LiteLLM's paged list: {@code {"<items>": [...], "total", "page", "page_size",
	 * "total_pages"}}.
	 */
	public static Map<String, @Nullable Object> page(String items, List<?> rows, long total, int page, int pageSize) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put(items, rows);
		body.put("total", total);
		body.put("page", page);
		body.put("page_size", pageSize);
		body.put("total_pages", (total + pageSize - 1) / pageSize);
		return body;
	}

}
