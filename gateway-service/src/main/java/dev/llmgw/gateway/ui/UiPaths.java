package dev.llmgw.gateway.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where the UI lives, and which return addresses a login may send the user back to. */
final class UiPaths {

	static final String HOME = "/ui";

	static final String LOGIN = "/login";

	static final String LOGOUT = "/ui/logout";

	static final String ASSETS = "/ui/assets/";

	/** Single sign-on's own two paths, reached before there is a session. */
	static final String SSO = "/ui/sso/";

	private UiPaths() {
	}

	/** The UI's own pages (not its assets, which are public). */
	static boolean isPage(String path) {
		return (path.equals(HOME) || path.startsWith(HOME + "/")) && !path.startsWith(ASSETS) && !path.startsWith(SSO);
	}

	static String login(String next) {
		return LOGIN + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
	}

	/**
	 * A return address after login: one of the UI's pages, never another site (an open
	 * redirect would let a link log the user in and send them elsewhere).
	 */
	static String safeNext(@org.jspecify.annotations.Nullable String next) {
		if (next == null || next.length() > 512 || !SAFE_NEXT.matcher(next).matches() || !isPage(next)
				|| next.contains("//")) {
			return HOME;
		}
		try {
			java.net.URI.create(next);
			return next;
		}
		catch (IllegalArgumentException ex) {
			return HOME;
		}
	}

	/** A checked return address as a redirect's location. */
	static java.net.URI location(String next) {
		return java.net.URI.create(safeNext(next));
	}

	/** A path and query of plain URL characters, percent escapes well formed. */
	private static final java.util.regex.Pattern SAFE_NEXT = java.util.regex.Pattern.compile(
			"/ui(/([A-Za-z0-9._~!$'()*+,;=:@-]|%[0-9A-Fa-f]{2})*)*(\\?([A-Za-z0-9._~!$'()*+,;=:@/?&-]|%[0-9A-Fa-f]{2})*)?");

}
