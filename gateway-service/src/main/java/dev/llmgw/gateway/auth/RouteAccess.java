package dev.llmgw.gateway.auth;

import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.PermissionDeniedError;

/**
 * A virtual key's {@code allowed_routes}, checked as LiteLLM checks them for every role:
 * none means every route; otherwise the route must be one of them, lie below one
 * ({@code /key} allows {@code /key/info}), match a pattern ending in {@code *}, or belong
 * to a named group ({@code llm_api_routes}, {@code openai_routes},
 * {@code anthropic_routes}, {@code info_routes}, {@code management_routes},
 * {@code spend_tracking_routes}). {@code key_type} on {@code /key/generate} sets the
 * groups LiteLLM sets for it. The master key has no such list.
 */
public final class RouteAccess {

	private static final List<String> OPENAI = List.of("/v1/chat/completions", "/chat/completions", "/v1/completions",
			"/completions", "/v1/embeddings", "/embeddings", "/v1/images/generations", "/images/generations",
			"/v1/models", "/models", "/v1/models/*", "/models/*", "/openai/deployments/*", "/engines/*", "/v1/rerank",
			"/rerank", "/v2/rerank", "/v1/responses", "/v1/responses/*", "/responses", "/responses/*",
			"/openai/v1/responses", "/openai/v1/responses/*", "/v1/moderations", "/moderations", "/v1/audio/speech",
			"/audio/speech", "/v1/audio/transcriptions", "/audio/transcriptions", "/v1/files", "/files", "/v1/files/*",
			"/files/*", "/v1/batches", "/batches", "/v1/batches/*", "/batches/*");

	private static final List<String> ANTHROPIC = List.of("/v1/messages", "/v1/messages/count_tokens",
			"/anthropic/v1/messages");

	private static final List<String> INFO = List.of("/key/info", "/key/health", "/key/list", "/team/info",
			"/team/list", "/v2/team/list", "/user/info", "/model/info", "/v1/model/info", "/organization/list",
			"/guardrails/list", "/health");

	private static final List<String> MANAGEMENT = List.of("/key/*", "/user/*", "/team/*", "/v2/team/*", "/model/*",
			"/v1/model/info", "/customer/*", "/end_user/*", "/organization/*", "/budget/*", "/router/settings");

	private static final List<String> SPEND = List.of("/spend/*", "/global/spend", "/global/spend/*",
			"/user/daily/activity", "/team/daily/activity", "/tag/daily/activity");

	private static final Map<String, List<String>> GROUPS = Map.of("llm_api_routes", concat(OPENAI, ANTHROPIC),
			"openai_routes", OPENAI, "anthropic_routes", ANTHROPIC, "info_routes", INFO, "management_routes",
			MANAGEMENT, "spend_tracking_routes", SPEND);

	/** What LiteLLM's {@code key_type} stands for. */
	public static final Map<String, List<String>> KEY_TYPES = Map.of("llm_api", List.of("llm_api_routes"), "management",
			List.of("management_routes"), "read_only", List.of("info_routes"), "default", List.of());

	private RouteAccess() {
	}

	/**
	 * @param caller who calls
	 * @param route the request's path
	 * @throws PermissionDeniedError LiteLLM's 403 when the key may not call it
	 */
	public static void check(CallerIdentity caller, String route) {
		List<String> allowed = caller.allowedRoutes();
		// who the key is: the middleware asks it for every key it serves
		if (allowed.isEmpty() || route.equals("/key/self") || allows(allowed, route)) {
			return;
		}
		throw new PermissionDeniedError("Virtual key is not allowed to call this route. Only allowed to call routes: "
				+ allowed + ". Tried to call route: " + route, null, null);
	}

	/** Whether the route calls a model (LiteLLM's {@code llm_api_routes}). */
	public static boolean isModelRoute(String route) {
		return allows(List.of("llm_api_routes"), route);
	}

	/**
	 * Whether an {@code allowed_routes} entry means something: a route (starting with
	 * {@code /}, other than a bare {@code /} or {@code /*}, which would allow everything)
	 * or a group's name.
	 */
	public static boolean isValidEntry(String entry) {
		if (GROUPS.containsKey(entry)) {
			return true;
		}
		return entry.startsWith("/") && !entry.equals("/") && !entry.equals("/*");
	}

	static boolean allows(List<String> allowed, String route) {
		for (String entry : allowed) {
			List<String> group = GROUPS.get(entry);
			if ((group != null) ? group.stream().anyMatch((pattern) -> matches(pattern, route))
					: matches(entry, route)) {
				return true;
			}
		}
		return false;
	}

	/** An exact route, one below it, or a prefix ending in {@code *}. */
	private static boolean matches(String pattern, String route) {
		if (pattern.endsWith("*")) {
			return route.startsWith(pattern.substring(0, pattern.length() - 1));
		}
		return route.equals(pattern) || route.startsWith(pattern + "/");
	}

	private static List<String> concat(List<String> first, List<String> second) {
		return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
	}

}
