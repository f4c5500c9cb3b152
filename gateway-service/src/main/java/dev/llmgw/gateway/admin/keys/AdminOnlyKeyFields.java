package dev.llmgw.gateway.admin.keys;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.error.PermissionDeniedError;
import org.jspecify.annotations.Nullable;

/**
 * Key fields only a proxy admin may set: what the key may do beyond models and limits
 * (permissions, routes, config, model aliases, which in LiteLLM can reach models the
 * models list does not name), its state (blocked, spend) and whose budget it draws on
 * (budget_id, organization_id). An empty value (null, {}, [], false, 0) grants nothing
 * and is let through, since SDKs send them.
 */
final class AdminOnlyKeyFields {

	static final List<String> FIELDS = List.of("permissions", "allowed_routes", "key_type", "config", "aliases",
			"blocked", "spend", "budget_id", "organization_id");

	private AdminOnlyKeyFields() {
	}

	static void check(CallerIdentity caller, Map<String, @Nullable Object> body, String route) {
		if (caller.isAdmin()) {
			return;
		}
		for (String field : FIELDS) {
			if (!empty(body.get(field))) {
				throw new PermissionDeniedError("Only a proxy admin can set " + field + " on a key. Route=" + route
						+ ". Your role=" + caller.role(), null, field);
			}
		}
	}

	/**
	 * A key's route restriction ({@code allowed_routes}, {@code key_type}) is the admins'
	 * to set and to lift: a non-admin that is restricted itself, or whose key is, may not
	 * send either (even an empty one, which would mean every route).
	 * @param stored the key's stored {@code allowed_routes}, null for a new key
	 */
	static void checkRoutes(CallerIdentity caller, Map<String, @Nullable Object> body, @Nullable Object stored,
			String route) {
		if (caller.isAdmin() || (body.get("allowed_routes") == null && body.get("key_type") == null)) {
			return;
		}
		boolean restricted = !caller.allowedRoutes().isEmpty()
				|| (stored instanceof Collection<?> routes && !routes.isEmpty());
		if (restricted) {
			throw new PermissionDeniedError(
					"Only a proxy admin can change a key's allowed_routes or key_type. Route=" + route + ". Your role="
							+ caller.role(),
					null, (body.get("allowed_routes") != null) ? "allowed_routes" : "key_type");
		}
	}

	private static boolean empty(@Nullable Object value) {
		return value == null || Boolean.FALSE.equals(value) || (value instanceof Map<?, ?> map && map.isEmpty())
				|| (value instanceof Collection<?> list && list.isEmpty())
				|| (value instanceof Number number && number.doubleValue() == 0)
				|| (value instanceof String text && (text.isEmpty() || text.equals("default")));
	}

}
