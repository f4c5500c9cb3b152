package dev.llmgw.gateway.providers;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
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
		this.pool = ConnectionProvider.builder("llm-upstream")
			.maxConnections(maxConnections)
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(maxIdleTime)
			.evictInBackground(maxIdleTime)
			.build();
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
