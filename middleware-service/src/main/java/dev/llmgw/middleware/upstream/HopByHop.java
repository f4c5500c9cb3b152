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

}
