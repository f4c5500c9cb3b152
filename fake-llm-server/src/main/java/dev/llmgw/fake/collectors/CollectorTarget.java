package dev.llmgw.fake.collectors;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A log collector a fault can be set on, named in {@code POST /fake/collectors/fault} by
 * its lower-case name.
 */
public enum CollectorTarget {

	S3, LANGFUSE, LANGSMITH, WEBHOOK;

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	static @Nullable CollectorTarget of(String id) {
		for (CollectorTarget target : values()) {
			if (target.id().equals(id)) {
				return target;
			}
		}
		return null;
	}

}
