package dev.llmgw.gateway.auth;

import java.util.Set;

/**
 * Paths that answer without a key: the probes that load balancers and orchestrators call.
 */
public final class PublicPaths {

	private static final Set<String> PATHS = Set.of("/health/liveliness", "/health/liveness", "/health/readiness",
			"/bedrock/health/liveliness", "/");

	private PublicPaths() {
	}

	public static boolean isPublic(String path) {
		return PATHS.contains(path);
	}

}
