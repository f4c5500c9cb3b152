package dev.llmgw.gateway.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.error.BadRequestError;
import org.jspecify.annotations.Nullable;

/**
 * The rules every value a caller sends must pass before the gateway keeps it: no NUL
 * character anywhere (PostgreSQL refuses 0x00 in text, so one such string fails the whole
 * write, e.g. a batch of spend rows), and ids, aliases, emails and model names no longer
 * than the columns that hold them. Applied at the edge by the JSON body reader to whole
 * bodies, by the query and header check to query parameters and headers, and by admission
 * to a model call's model and end user; a refusal is a 400 naming the field.
 * <p>
 * Length caps (the column sizes of {@code db/migration/V1__admin_tables.sql} and
 * {@code V2__spend_logs.sql}):
 * <ul>
 * <li>{@value #MAX_ID_LENGTH} characters: user, team, organization, budget, customer and
 * model ids, key and team aliases, model names, the end user of a call, and virtual keys
 * as sent;</li>
 * <li>{@value #MAX_EMAIL_LENGTH} characters: emails (RFC 5321's longest address).</li>
 * </ul>
 */
public final class CallerInput {

	/** ids, aliases and model names: the VARCHAR(255) columns that hold them. */
	public static final int MAX_ID_LENGTH = 255;

	/** Emails: RFC 5321's longest address, users.user_email's size. */
	public static final int MAX_EMAIL_LENGTH = 320;

	/**
	 * Fields capped wherever they appear in a body; for a list, each of its strings is.
	 */
	private static final Map<String, Integer> CAPS = Map.ofEntries(Map.entry("user_id", MAX_ID_LENGTH),
			Map.entry("user_ids", MAX_ID_LENGTH), Map.entry("team_id", MAX_ID_LENGTH),
			Map.entry("team_ids", MAX_ID_LENGTH), Map.entry("organization_id", MAX_ID_LENGTH),
			Map.entry("budget_id", MAX_ID_LENGTH), Map.entry("end_user_id", MAX_ID_LENGTH),
			Map.entry("key", MAX_ID_LENGTH), Map.entry("keys", MAX_ID_LENGTH), Map.entry("new_key", MAX_ID_LENGTH),
			Map.entry("key_alias", MAX_ID_LENGTH), Map.entry("key_aliases", MAX_ID_LENGTH),
			Map.entry("team_alias", MAX_ID_LENGTH), Map.entry("user_alias", MAX_ID_LENGTH),
			Map.entry("alias", MAX_ID_LENGTH), Map.entry("default_model", MAX_ID_LENGTH),
			Map.entry("model", MAX_ID_LENGTH), Map.entry("model_name", MAX_ID_LENGTH), Map.entry("user", MAX_ID_LENGTH),
			Map.entry("user_email", MAX_EMAIL_LENGTH), Map.entry("x-litellm-customer-id", MAX_ID_LENGTH),
			Map.entry("x-litellm-end-user-id", MAX_ID_LENGTH));

	/**
	 * The top-level fields of a model call that hold what the model reads (OpenAI's and
	 * Anthropic's): passed to the provider, never stored in a column, so exempt from the
	 * NUL rule as OpenAI accepts them.
	 */
	private static final Set<String> CONVERSATION = Set.of("messages", "prompt", "input", "system", "tools",
			"functions", "suffix", "tool_choice", "response_format");

	private CallerInput() {
	}

	/**
	 * Checks one value the caller named.
	 * @param field the field, query parameter or header it came in, for the error
	 * @param value the value
	 * @return the value
	 */
	public static @Nullable String check(String field, @Nullable String value) {
		if (value == null) {
			return null;
		}
		if (value.indexOf('\0') >= 0) {
			throw nul(field);
		}
		Integer cap = CAPS.get(field);
		if (cap != null && value.length() > cap) {
			throw tooLong(field, cap, value.length());
		}
		return value;
	}

	/**
	 * Checks every key and string of a parsed body, at any depth, and the capped fields
	 * wherever they appear.
	 * @param body a parsed JSON value: maps, lists, strings, numbers, booleans, nulls
	 */
	public static void checkAll(@Nullable Object body) {
		walk(body, "", null, true);
	}

	/**
	 * Checks every key and string of a parsed body for NUL characters only, for bodies
	 * whose lengths are checked where their fields are used.
	 */
	public static void checkNul(@Nullable Object body) {
		walk(body, "", null, false);
	}

	private static void walk(@Nullable Object value, String path, @Nullable Integer cap, boolean caps) {
		if (value instanceof String text) {
			if (text.indexOf('\0') >= 0) {
				throw nul(path);
			}
			if (caps && cap != null && text.length() > cap) {
				throw tooLong(path, cap, text.length());
			}
		}
		else if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				String key = String.valueOf(entry.getKey());
				String child = path.isEmpty() ? key : path + "." + key;
				if (key.indexOf('\0') >= 0) {
					throw nul(path.isEmpty() ? "(a field name)" : path);
				}
				if (path.isEmpty() && CONVERSATION.contains(key)) {
					// what the model reads is passed on as the provider would take it,
					// never
					// stored as text: a NUL there is the caller's business
					continue;
				}
				walk(entry.getValue(), child, CAPS.get(key), caps);
			}
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				walk(list.get(i), path + "[" + i + "]", cap, caps);
			}
		}
	}

	private static BadRequestError nul(String field) {
		return new BadRequestError("NUL characters (\\u0000) are not allowed in " + field, null, field);
	}

	private static BadRequestError tooLong(String field, int cap, int length) {
		return new BadRequestError(field + " is too long: at most " + cap + " characters, got " + length, null, field);
	}

}
