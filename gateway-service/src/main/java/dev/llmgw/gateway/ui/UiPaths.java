package dev.llmgw.gateway.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where the UI lives, and which return addresses a login may send the user back to. */
final class UiPaths {

	static final String HOME = "/ui";

	static final String LOGIN = "/login";

	static final String LOGOUT = "/ui/logout";

	static final String ASSETS = "/ui/assets/";

	private UiPaths() {
	}

	/** The UI's own pages (not its assets, which are public). */
	static boolean isPage(String path) {
		return (path.equals(HOME) || path.startsWith(HOME + "/")) && !path.startsWith(ASSETS);
	}

	static String login(String next) {
		return LOGIN + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
	}

	/**
	 * A return address after login: one of the UI's pages, never another site (an open
	 * redirect would let a link log the user in and send them elsewhere).
	 */
	static String safeNext(@org.jspecify.annotations.Nullable String next) {
		if (next == null || !isPage(next) || next.contains("//") || next.contains("\\") || next.length() > 512
				|| next.chars().anyMatch((c) -> c < 0x20 || c == 0x7f)) {
			return HOME;
		}
		return next;
	}

}
