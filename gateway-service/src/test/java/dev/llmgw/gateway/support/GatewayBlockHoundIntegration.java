package dev.llmgw.gateway.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The few calls on event-loop threads that BlockHound reports but that do not block in
 * practice. Each is named with its reason; anything else it finds fails the build.
 */
public final class GatewayBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		// Netty's asynchronous DNS resolver draws query ids from a SecureRandom, which
		// reads /dev/urandom: the
		// kernel's non-blocking source, read once per id range. (BlockHound cannot mark
		// the
		// constructor that calls it, so the allowance is on pushId, which does the read.)
		builder.allowBlockingCallsInside("io.netty.resolver.dns.DnsQueryIdSpace$DnsQueryIdRange", "pushId");
		// The request log's asynchronous appender hands each line to its writer thread
		// through a bounded queue
		// whose lock is held for nanoseconds; with neverBlock it drops a line rather than
		// wait for space.
		builder.allowBlockingCallsInside("ch.qos.logback.core.AsyncAppenderBase", "put");
		// Lettuce guards each command write with a lock held for the write alone
		// (SharedLock); contended, it parks for that long. Failing inside it leaves its
		// writer count raised, and the connection's close then spins forever
		// (redis/lettuce#3880): BudgetTwoInstancesIntegrationTests hung so on a 2-core
		// machine.
		builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
		builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "doExclusive");
		// R2DBC PostgreSQL builds a connection's SSLContext on the event loop, which
		// seeds from /dev/urandom: the kernel's non-blocking source
		builder.allowBlockingCallsInside("io.r2dbc.postgresql.client.ReactorNettyClient", "registerSslHandler");
		// Jackson builds each type's deserializer once, under a lock held while it is
		// built; concurrent first requests of one type (the input fuzz test) wait for it
		// that once, then read it from the cache without a lock
		builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
				"_createAndCacheValueDeserializer");
		// Netty's adaptive buffer allocator adds a magazine under a StampedLock when
		// event loops contend for buffers (large bodies on several connections at once,
		// as in the input fuzz test); the lock guards a few field writes
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
				"tryExpandMagazines");
	}

}
