package dev.llmgw.middleware.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.llmgw.storage.TempDirectories;

/**
 * The fake LLM server and the gateway, started from their packaged jars as deployment
 * starts them, once per test JVM, so that the middleware is tested against the real
 * gateway. The reactor builds both modules before this one.
 */
public final class LocalStack {

	public static final String MASTER_KEY = "sk-middleware-test-master";

	private static LocalStack shared;

	private final int gatewayPort;

	private final Path work;

	private final int fakePort;

	private LocalStack(int gatewayPort, Path work, int fakePort) {
		this.gatewayPort = gatewayPort;
		this.work = work;
		this.fakePort = fakePort;
	}

	/** The fake LLM server, which also plays an Okta authorization server. */
	public String fakeUrl() {
		return "http://127.0.0.1:" + this.fakePort;
	}

	public static synchronized LocalStack shared() {
		if (shared == null) {
			shared = start();
		}
		return shared;
	}

	/** The shared gateway's log (its standard output). */
	public Path gatewayLog() {
		return this.work.resolve("gateway.log");
	}

	/**
	 * The log (standard output) of a gateway started here.
	 * @param name {@code gateway} for the shared one, or the name given to
	 * {@link #anotherGateway}
	 */
	public Path log(String name) {
		return this.work.resolve(name + ".log");
	}

	public String gatewayUrl() {
		return "http://127.0.0.1:" + this.gatewayPort;
	}

	private static LocalStack start() {
		try {
			Path work = TempDirectories.create("middleware-stack");
			int fakePort = freePort();
			Process fake = launch(Path.of("../fake-llm-server/target/fake-llm-server.jar"), work.resolve("fake.log"),
					Map.of("SERVER_PORT", Integer.toString(fakePort), "SERVER_ADDRESS", "127.0.0.1"));
			await("http://127.0.0.1:" + fakePort + "/health", fake);
			String fakeBase = "http://127.0.0.1:" + fakePort + "/v1";
			Path config = work.resolve("config.yaml");
			Files.writeString(config,
					"""
							model_list:
							  - model_name: claude
							    litellm_params: {model: openai/claude-like, api_base: "%1$s", api_key: k}
							  - model_name: echo
							    litellm_params: {model: "openai/fake;echo=1", api_base: "%1$s", api_key: k}
							  - model_name: tooler
							    litellm_params: {model: "openai/fake;tool_call=get_weather", api_base: "%1$s", api_key: k}
							  - model_name: throttled
							    litellm_params: {model: "openai/fake;error=429;retry_after=2", api_base: "%1$s", api_key: k}
							  - model_name: broken
							    litellm_params: {model: "openai/fake;error=503", api_base: "%1$s", api_key: k}
							  - model_name: missing
							    litellm_params: {model: "openai/fake;error=404", api_base: "%1$s", api_key: k}
							  - model_name: sluggish
							    litellm_params: {model: "openai/fake;latency_ms=3000", api_base: "%1$s", api_key: k, timeout: 0.3}
							  - model_name: quiet
							    litellm_params: {model: "openai/fake;reply=ok;latency_ms=1000", api_base: "%1$s", api_key: k}
							  - model_name: failing
							    litellm_params: {model: "openai/fake;error=500", api_base: "%1$s", api_key: k}
							  - model_name: bad-gateway
							    litellm_params: {model: "openai/fake;error=502", api_base: "%1$s", api_key: k}
							  - model_name: cut
							    litellm_params: {model: "openai/fake;chunks=6;error_after_chunks=2", api_base: "%1$s", api_key: k}
							  - model_name: long
							    litellm_params: {model: "openai/fake;chunks=200;chunk_delay_ms=5", api_base: "%1$s", api_key: k}
							  - model_name: trickle
							    litellm_params: {model: "openai/fake;chunks=3;chunk_delay_ms=1500", api_base: "%1$s", api_key: k}
							  - model_name: late
							    litellm_params: {model: "openai/fake;latency_ms=1000;chunks=3", api_base: "%1$s", api_key: k}
							  - model_name: context
							    litellm_params: {model: "openai/fake;error=context", api_base: "%1$s", api_key: k}
							  - model_name: policy
							    litellm_params: {model: "openai/fake;error=content_policy", api_base: "%1$s", api_key: k}
							  - model_name: forbidden
							    litellm_params: {model: "openai/fake;error=403", api_base: "%1$s", api_key: k}
							  - model_name: unreachable
							    litellm_params: {model: openai/fake, api_base: "http://127.0.0.1:9/v1", api_key: k}
							  - model_name: priced
							    litellm_params: {model: openai/gpt-4o-mini, api_base: "%1$s", api_key: k}
							  - model_name: "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123"
							    litellm_params: {model: openai/profiled, api_base: "%1$s", api_key: k}
							guardrails:
							  - guardrail_name: converse-guard
							    litellm_params: {guardrail: bedrock, mode: pre_call, guardrailIdentifier: gr-converse, guardrailVersion: "1", %4$s}
							  - guardrail_name: converse-post
							    litellm_params: {guardrail: bedrock, mode: post_call, guardrailIdentifier: gr-converse-post, guardrailVersion: "1", %4$s}
							litellm_settings:
							  callbacks: ["generic_api"]
							environment_variables:
							  GENERIC_LOGGER_ENDPOINT: "%3$s/fake/webhook/middleware-stack"
							  DEFAULT_FLUSH_INTERVAL_SECONDS: "0.2"
							router_settings:
							  # one attempt: the tests here check how the gateway's errors read through
							  # the middleware, and LiteLLM's default two retries wait out a backoff each
							  num_retries: 0
							general_settings:
							  master_key: %2$s
							"""
						.formatted(fakeBase, MASTER_KEY, "http://127.0.0.1:" + fakePort,
								"aws_region_name: us-east-1, aws_access_key_id: AKIDSTACK, aws_secret_access_key: stack-secret, "
										+ "aws_bedrock_runtime_endpoint: \"http://127.0.0.1:" + fakePort + "\""));
			return new LocalStack(startGateway(work, "gateway", Map.of()), work, fakePort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Another gateway on the same config, e.g. one that forwards the middleware's paths.
	 * @param environment variables added to the gateway's environment
	 * @return its base URL
	 */
	public String anotherGateway(String name, Map<String, String> environment) {
		try {
			return "http://127.0.0.1:" + startGateway(this.work, name, environment);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int startGateway(Path work, String name, Map<String, String> extra) throws IOException {
		int port = freePort();
		Map<String, String> environment = new java.util.HashMap<>(Map.of("SERVER_PORT", Integer.toString(port),
				"SERVER_ADDRESS", "127.0.0.1", "CONFIG_FILE_PATH", work.resolve("config.yaml").toString(),
				"GATEWAY_DATA_DIR", work.resolve("data-" + name).toString()));
		environment.putAll(extra);
		Process gateway = launch(Path.of("../gateway-service/target/gateway-service.jar"), work.resolve(name + ".log"),
				environment);
		await("http://127.0.0.1:" + port + "/health/liveliness", gateway);
		return port;
	}

	private static Process launch(Path jar, Path log, Map<String, String> environment) throws IOException {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build it first (./mvnw verify at "
					+ "the root builds every module in order)");
		}
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-jar", jar.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
		return process;
	}

	private static void await(String url, Process process) {
		HttpClient client = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline && process.isAlive()) {
			try {
				HttpResponse<Void> response = client.send(
						HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException(url + " did not come up");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
