package dev.llmgw.gateway.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The tags a call was sent with, as LiteLLM reads them: the body's {@code tags}, then
 * {@code metadata.tags}, each string once. At most {@value #MOST} of at most
 * {@value #LONGEST} characters are kept, since they become rows of the daily tag table.
 */
public final class RequestTags {

	static final int MOST = 20;

	static final int LONGEST = 255;

	private RequestTags() {
	}

	/**
	 * @param fields the request's top-level fields
	 * @return its tags, in order
	 */
	public static List<String> of(Map<String, @Nullable Object> fields) {
		Map<?, ?> metadata = (fields.get("metadata") instanceof Map<?, ?> map) ? map : Map.of();
		List<String> tags = new ArrayList<>();
		for (Object list : new Object[] { fields.get("tags"), metadata.get("tags") }) {
			if (list instanceof List<?> items) {
				for (Object item : items) {
					if (item instanceof String tag && !tag.isBlank() && tags.size() < MOST) {
						String kept = (tag.length() > LONGEST) ? tag.substring(0, LONGEST) : tag;
						if (!tags.contains(kept)) {
							tags.add(kept);
						}
					}
				}
			}
		}
		return tags;
	}

}
