package dev.llmgw.middleware.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The few calls on event-loop threads that BlockHound reports but that do not block in
 * practice. Each is named with its reason; anything else it finds fails the build.
 */
public final class MiddlewareBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		// PostgreSQL's R2DBC driver builds an SSLContext for each new connection
		// (sslmode=prefer), which draws its seed from /dev/urandom: the kernel's
		// non-blocking source, read once per pooled connection, not per query.
		builder.allowBlockingCallsInside("io.r2dbc.postgresql.client.ReactorNettyClient", "registerSslHandler");
	}

}
