package dev.llmgw.gateway.admin;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.admin.store.AdminRow;
import org.jspecify.annotations.Nullable;

/** How admin rows look in responses, as LiteLLM clients read them. */
public final class AdminViews {

	/**
	 * Fields LiteLLM keeps in metadata rather than in columns (shared/spec/admin-api.md
	 * §2.1); responses show them at top level too.
	 */
	public static final List<String> METADATA_FIELDS = List.of("model_rpm_limit", "model_tpm_limit", "rpm_limit_type",
			"tpm_limit_type", "enforced_params", "guardrails", "policies", "prompts");

	private AdminViews() {
	}

	/** A row as /key/info, /team/info and the lists show it. */
	public static Map<String, @Nullable Object> publicView(AdminRow row) {
		return publicView(row.columns());
	}

	/**
	 * A row's columns as responses show them: times as ISO text, metadata fields also at
	 * top level.
	 */
	public static Map<String, @Nullable Object> publicView(Map<String, @Nullable Object> row) {
		Map<String, @Nullable Object> view = new LinkedHashMap<>();
		row.forEach(
				(column, value) -> view.put(column, (value instanceof OffsetDateTime time) ? time.toString() : value));
		Object metadata = row.get("metadata");
		if (metadata instanceof Map<?, ?> map) {
			for (String field : METADATA_FIELDS) {
				view.put(field, map.get(field));
			}
		}
		return view;
	}

}
