package dev.llmgw.fake;

import reactor.netty.DisposableServer;

/**
 * A started fake LLM server; closing it stops it.
 */
public final class RunningServer implements AutoCloseable {

	private final DisposableServer server;

	private final String host;

	RunningServer(DisposableServer server, String host) {
		this.server = server;
		this.host = host;
	}

	public int port() {
		return this.server.port();
	}

	/**
	 * The base URL a client on this machine can reach the server at, e.g.
	 * {@code http://127.0.0.1:8080}.
	 */
	public String baseUrl() {
		boolean wildcard = this.host.equals("0.0.0.0") || this.host.equals("::");
		String reachable = wildcard ? "127.0.0.1" : this.host;
		return "http://" + (reachable.contains(":") ? "[" + reachable + "]" : reachable) + ":" + port();
	}

	/**
	 * Blocks the calling thread until the server is closed; for {@code main} only.
	 */
	public void awaitTermination() {
		this.server.onDispose().block();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
