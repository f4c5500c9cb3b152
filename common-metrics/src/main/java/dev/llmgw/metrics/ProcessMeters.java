package dev.llmgw.metrics;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import org.jspecify.annotations.Nullable;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

/**
 * The process's meters from Micrometer's binders (JVM memory, GC, threads, classes, CPU,
 * uptime, file descriptors, Netty's buffer pool) and gauges over the pools a service
 * holds: its database's R2DBC pool (Spring Boot's {@code r2dbc.pool.*} names, tagged with
 * the service's name) and its HTTP client's connection pools (Reactor Netty's
 * {@code reactor.netty.connection.provider.*} names), one set per remote address. Both
 * services publish the same names, so one dashboard reads both.
 */
public final class ProcessMeters implements ConnectionProvider.MeterRegistrar, AutoCloseable {

	private static final String POOL_PREFIX = "reactor.netty.connection.provider.";

	private final MeterRegistry registry;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private final Map<String, List<Meter>> upstreamPools = new ConcurrentHashMap<>();

	/**
	 * @param registry where the meters go
	 * @param database the service's database pool, null when it has none
	 * @param poolName the {@code name} tag of the database pool's gauges
	 */
	public ProcessMeters(MeterRegistry registry, @Nullable ConnectionPool database, String poolName) {
		this.registry = registry;
		JvmGcMetrics gc = new JvmGcMetrics();
		JvmHeapPressureMetrics pressure = new JvmHeapPressureMetrics();
		this.closeables.add(gc);
		this.closeables.add(pressure);
		List<MeterBinder> binders = new ArrayList<>(List.of(new JvmMemoryMetrics(), gc, pressure,
				new JvmThreadMetrics(), new ClassLoaderMetrics(), new JvmInfoMetrics(), new ProcessorMetrics(),
				new UptimeMetrics(), new FileDescriptorMetrics()));
		if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider allocator) {
			binders.add(new NettyAllocatorMetrics(allocator));
		}
		binders.forEach((binder) -> binder.bindTo(registry));
		if (database != null) {
			database.getMetrics().ifPresent((pool) -> bindDatabasePool(pool, poolName));
		}
	}

	private void bindDatabasePool(PoolMetrics pool, String poolName) {
		Tags tags = Tags.of("name", poolName);
		gauge("r2dbc.pool.acquired", "Size of successfully acquired connections which are in active use.", pool,
				PoolMetrics::acquiredSize, tags);
		gauge("r2dbc.pool.allocated", "Size of allocated connections in the pool which are in active use or idle.",
				pool, PoolMetrics::allocatedSize, tags);
		gauge("r2dbc.pool.idle", "Size of idle connections in the pool.", pool, PoolMetrics::idleSize, tags);
		gauge("r2dbc.pool.pending", "Size of pending to acquire connections from the underlying connection factory.",
				pool, PoolMetrics::pendingAcquireSize, tags);
		gauge("r2dbc.pool.max.allocated", "Maximum size of allocated connections that this pool allows.", pool,
				PoolMetrics::getMaxAllocatedSize, tags);
		gauge("r2dbc.pool.max.pending", "Maximum size of pending state to acquire connections that this pool allows.",
				pool, PoolMetrics::getMaxPendingAcquireSize, tags);
	}

	private <T> Meter gauge(String name, String help, T source, ToDoubleFunction<T> value, Tags tags) {
		return Gauge.builder(name, source, value)
			.description(help)
			.tags(tags)
			.strongReference(true)
			.register(this.registry);
	}

	@Override
	public void registerMetrics(String poolName, String id, SocketAddress remoteAddress,
			ConnectionPoolMetrics metrics) {
		Tags tags = Tags.of("id", id, "name", poolName, "remote.address", remoteAddress.toString());
		List<Meter> meters = List.of(
				gauge(POOL_PREFIX + "total.connections", "The number of all connections, active or idle", metrics,
						ConnectionPoolMetrics::allocatedSize, tags),
				gauge(POOL_PREFIX + "active.connections",
						"The number of the connections that have been successfully acquired and are in active use",
						metrics, ConnectionPoolMetrics::acquiredSize, tags),
				gauge(POOL_PREFIX + "idle.connections", "The number of the idle connections", metrics,
						ConnectionPoolMetrics::idleSize, tags),
				gauge(POOL_PREFIX + "pending.connections",
						"The number of the request, that are pending acquire a connection", metrics,
						ConnectionPoolMetrics::pendingAcquireSize, tags),
				gauge(POOL_PREFIX + "max.connections", "The maximum number of active connections that are allowed",
						metrics, ConnectionPoolMetrics::maxAllocatedSize, tags));
		this.upstreamPools.put(key(poolName, id, remoteAddress), meters);
	}

	@Override
	public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
		List<Meter> meters = this.upstreamPools.remove(key(poolName, id, remoteAddress));
		if (meters != null) {
			meters.forEach(this.registry::remove);
		}
	}

	private static String key(String poolName, String id, SocketAddress remoteAddress) {
		return poolName + "|" + id + "|" + remoteAddress;
	}

	@Override
	public void close() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

}
