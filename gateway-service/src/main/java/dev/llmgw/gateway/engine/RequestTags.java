package dev.llmgw.gateway.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The tags a call was sent with, as LiteLLM reads them: the body's {@code tags}, then
 * {@code metadata.tags}, each string once. At most {@value #MOST} of at most
 * {@value #LONGEST} characters are kept, with control characters (NUL included, which
 * PostgreSQL cannot store) replaced: each tag becomes a row of the daily tag table, and a
 * caller must not be able to make the spend writer's batches large or unwritable.
 */
public final class RequestTags {

	static final int MOST = 5;

	static final int LONGEST = 128;

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
						String clean = clean(tag);
						String kept = (clean.length() > LONGEST) ? clean.substring(0, LONGEST) : clean;
						if (!tags.contains(kept)) {
							tags.add(kept);
						}
					}
				}
			}
		}
		return tags;
	}

	private static String clean(String tag) {
		StringBuilder clean = new StringBuilder(tag.length());
		for (int i = 0; i < tag.length(); i++) {
			char c = tag.charAt(i);
			clean.append(Character.isISOControl(c) ? '\uFFFD' : c);
		}
		return clean.toString();
	}

}
