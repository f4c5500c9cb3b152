package dev.llmgw.gateway.providers;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import org.jspecify.annotations.Nullable;
import reactor.netty.resources.ConnectionProvider;

/**
 * The pooled, non-blocking HTTP client that all provider adapters share. It runs on the
 * same event loops as the server (Reactor Netty's global resources), so a request and its
 * upstream call stay on one thread.
 */
public final class UpstreamClient {

	private final HttpClient httpClient;

	private final ConnectionProvider pool;

	public UpstreamClient(Duration connectTimeout, int maxConnections, Duration maxIdleTime) {
		this(connectTimeout, maxConnections, maxIdleTime, null);
	}

	/**
	 * @param meters given each connection pool (one per provider address) to publish its
	 * gauges; null for none
	 */
	public UpstreamClient(Duration connectTimeout, int maxConnections, Duration maxIdleTime,
			ConnectionProvider.@Nullable MeterRegistrar meters) {
		ConnectionProvider.Builder pool = ConnectionProvider.builder("llm-upstream")
			.maxConnections(maxConnections)
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(maxIdleTime)
			.evictInBackground(maxIdleTime);
		if (meters != null) {
			pool.metrics(true, () -> meters);
		}
		this.pool = pool.build();
		this.httpClient = HttpClient.create(this.pool)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(connectTimeout.toMillis()))
			.keepAlive(true)
			.compress(false);
	}

	public HttpClient httpClient() {
		return this.httpClient;
	}

	public void dispose() {
		this.pool.dispose();
	}

}
