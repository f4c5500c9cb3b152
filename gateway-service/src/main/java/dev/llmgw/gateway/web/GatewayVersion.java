package dev.llmgw.gateway.web;

/**
 * The gateway's version, from the jar manifest (set by the build), for headers and
 * readiness.
 */
public final class GatewayVersion {

	public static final String VALUE = version();

	private GatewayVersion() {
	}

	private static String version() {
		String fromManifest = GatewayVersion.class.getPackage().getImplementationVersion();
		return (fromManifest != null) ? fromManifest : "dev";
	}

}
