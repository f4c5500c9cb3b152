package dev.llmgw.gateway.auth;

import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

import dev.llmgw.gateway.config.GeneralSettings;
import dev.llmgw.gateway.error.PermissionDeniedError;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;

/**
 * The proxy-wide route settings of {@code general_settings}, as LiteLLM reads them:
 * <ul>
 * <li>{@code allowed_routes}: the only routes anyone may call, the master key included
 * (exact routes); the probes load balancers call stay open, or a deployment would be
 * taken for dead;</li>
 * <li>{@code public_routes}: routes that need no key (exact, or a prefix ending in
 * {@code *}); their callers are an internal user viewer with no key, as in LiteLLM;</li>
 * <li>{@code admin_only_routes}: routes only a proxy admin may call (exact).</li>
 * </ul>
 * LiteLLM reserves the last two for its enterprise licence; here they simply work. Routes
 * are compared in their decoded form with empty segments dropped, the form the router
 * matches, so that {@code /key//generate} or {@code /key/%67enerate} cannot slip past a
 * route named {@code /key/generate}.
 */
public final class ProxyRoutes {

	public static final ProxyRoutes NONE = new ProxyRoutes(List.of(), List.of(), List.of());

	private final Set<String> allowed;

	private final List<String> publicRoutes;

	private final Set<String> adminOnly;

	public ProxyRoutes(List<String> allowed, List<String> publicRoutes, List<String> adminOnly) {
		this.allowed = Set.copyOf(allowed);
		this.publicRoutes = List.copyOf(publicRoutes);
		this.adminOnly = Set.copyOf(adminOnly);
	}

	public static ProxyRoutes of(GeneralSettings settings) {
		return new ProxyRoutes(settings.allowedRoutes(), settings.publicRoutes(), settings.adminOnlyRoutes());
	}

	/**
	 * Both restrictions on a caller's route, for routes called in process (the admin UI's
	 * pages call admin routes so) as over HTTP.
	 * @param caller who calls
	 * @param path the route's path
	 */
	public void check(CallerIdentity caller, String path) {
		String route = route(RequestPath.parse(path, null));
		checkAllowed(route);
		checkAdminOnly(caller, route);
	}

	/** Whether no route setting is made, so that nothing need be checked. */
	public boolean isEmpty() {
		return this.allowed.isEmpty() && this.publicRoutes.isEmpty() && this.adminOnly.isEmpty();
	}

	/** The route as the router sees it: decoded segments, no empty ones. */
	public static String route(RequestPath path) {
		StringJoiner route = new StringJoiner("/", "/", "");
		for (PathContainer.Element element : path.pathWithinApplication().elements()) {
			if (element instanceof PathContainer.PathSegment segment && !segment.valueToMatch().isEmpty()) {
				route.add(segment.valueToMatch());
			}
		}
		return route.toString();
	}

	/**
	 * @throws PermissionDeniedError LiteLLM's 403 when {@code allowed_routes} leaves the
	 * route out
	 */
	void checkAllowed(String route) {
		if (!this.allowed.isEmpty() && !this.allowed.contains(route) && !PublicPaths.isPublic(route)) {
			throw new PermissionDeniedError("Access forbidden: Route " + route + " not allowed", "auth_error", null);
		}
	}

	boolean isPublic(String route) {
		for (String pattern : this.publicRoutes) {
			if (pattern.endsWith("*") ? route.startsWith(pattern.substring(0, pattern.length() - 1))
					: route.equals(pattern)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @throws PermissionDeniedError LiteLLM's 403 when a caller other than a proxy admin
	 * calls an admin-only route
	 */
	void checkAdminOnly(CallerIdentity caller, String route) {
		if (!caller.isAdmin() && this.adminOnly.contains(route)) {
			throw new PermissionDeniedError(
					"user not allowed to access this route. Route=" + route + " is an admin only route", "auth_error",
					null);
		}
	}

}
