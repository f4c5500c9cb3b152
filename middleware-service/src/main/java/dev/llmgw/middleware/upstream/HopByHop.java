package dev.llmgw.middleware.upstream;

import java.util.Locale;
import java.util.Set;

/**
 * Headers that belong to one connection (RFC 9110, section 7.6.1) or that the server sets
 * itself, so a pass-through never copies them across.
 */
public final class HopByHop {

	private static final Set<String> NAMES = Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding",
			"te", "trailer", "upgrade", "host", "content-length");

	private HopByHop() {
	}

	public static boolean is(String name) {
		return NAMES.contains(name.toLowerCase(Locale.ROOT));
	}

	/**
	 * Cross-origin headers: the middleware answers the browser's CORS itself, so the
	 * gateway behind it never sees the page's {@code Origin} (it would judge it again, by
	 * its own list) and its {@code Access-Control-*} answers are not passed on (they
	 * would repeat the middleware's, which browsers refuse).
	 */
	public static boolean isCrossOrigin(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.equals("origin") || lower.startsWith("access-control-");
	}

}
