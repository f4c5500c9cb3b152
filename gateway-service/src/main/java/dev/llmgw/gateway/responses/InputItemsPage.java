package dev.llmgw.gateway.responses;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import org.jspecify.annotations.Nullable;

/**
 * One page of a response's input items, as OpenAI pages them: {@code limit} 1 to 100 (20
 * by default), {@code order} {@code desc} (the default) or {@code asc}, starting after
 * the item {@code after}; an {@code after} that is not among the items gives an empty
 * page.
 *
 * @param limit the most items on the page
 * @param ascending whether the oldest item comes first
 * @param after the id of the item the page starts after, if any
 */
record InputItemsPage(int limit, boolean ascending, @Nullable String after) {

	static InputItemsPage of(@Nullable String limit, @Nullable String order, @Nullable String after) {
		int size = 20;
		if (limit != null) {
			try {
				size = Integer.parseInt(limit);
			}
			catch (NumberFormatException ex) {
				size = -1;
			}
			if (size < 1 || size > 100) {
				throw new BadRequestError("Invalid 'limit': expected an integer from 1 to 100.", null, "limit");
			}
		}
		if (order != null && !order.equals("asc") && !order.equals("desc")) {
			throw new BadRequestError("Invalid 'order': expected asc or desc.", null, "order");
		}
		// an item id is whatever the caller gave its item (ResponseItems keeps up to 128
		// characters), compared here and never queried: only its length is checked
		if (after != null && (after.isEmpty() || after.length() > 128)) {
			throw new BadRequestError("Invalid 'after': expected an item id of at most 128 characters.", null, "after");
		}
		return new InputItemsPage(size, "asc".equals(order), after);
	}

	Map<String, @Nullable Object> list(List<ResponseItem> items) {
		List<ResponseItem> ordered = new ArrayList<>(items);
		if (!this.ascending) {
			Collections.reverse(ordered);
		}
		int start = 0;
		if (this.after != null) {
			start = ordered.size();
			for (int i = 0; i < ordered.size(); i++) {
				if (ordered.get(i).id().equals(this.after)) {
					start = i + 1;
					break;
				}
			}
		}
		int end = Math.min(ordered.size(), start + this.limit);
		List<Map<String, @Nullable Object>> data = ordered.subList(start, end)
			.stream()
			.map(ResponseItem::toWire)
			.toList();
		Map<String, @Nullable Object> page = new LinkedHashMap<>();
		page.put("object", "list");
		page.put("data", data);
		page.put("first_id", data.isEmpty() ? null : data.get(0).get("id"));
		page.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id"));
		page.put("has_more", end < ordered.size());
		return page;
	}

}
