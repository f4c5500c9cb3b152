package dev.llmgw.fake;

import java.time.Clock;

import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.google.GoogleOAuth;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A small, fast, deterministic stand-in for LLM providers, steered per request by
 * {@code x-fake-*} headers or {@code ;name=value} model-name segments. Configured by
 * {@code SERVER_PORT}, {@code SERVER_ADDRESS} and {@code FAKE_REQUIRE_API_KEY}.
 */
public final class FakeLlmServer {

	private FakeLlmServer() {
	}

	public static void main(String[] args) {
		RunningServer server = start(FakeLlmServerOptions.fromEnvironment(System.getenv()));
		Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fake-llm-server-shutdown"));
		// the quickstart and scripts wait for this exact line
		System.out.println("fake-llm-server listening on " + server.port());
		server.awaitTermination();
	}

	public static RunningServer start(String host, int port) {
		return start(FakeLlmServerOptions.of(host, port));
	}

	public static RunningServer start(FakeLlmServerOptions options) {
		FailureCounter failures = new FailureCounter();
		RequestStats stats = new RequestStats();
		GoogleOAuth google = new GoogleOAuth(Clock.systemUTC());
		Dispatcher dispatcher = new Dispatcher(ProviderRoutes.all(failures, google),
				new ApiKeyCheck(options.requiredApiKey()), stats, new ControlEndpoints(stats, failures), google);
		DisposableServer server = HttpServer.create()
			.host(options.host())
			.port(options.port())
			.handle(dispatcher)
			.bindNow();
		return new RunningServer(server, options.host());
	}

}
