package dev.llmgw.gateway.support;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.llmgw.storage.ServiceJar;

/**
 * The packaged gateway jar started as deployment starts it ({@code java -jar} and
 * environment variables), for the *JarTests that run after the package phase. Its output
 * goes to {@code gateway.log} in the test's directory.
 */
public final class GatewayJar {

	private static final ServiceJar JAR = new ServiceJar("gateway", Path.of("target/gateway-service.jar"),
			"GATEWAY_DATA_DIR");

	private GatewayJar() {
	}

	/**
	 * @param dir the test's directory: the log and the embedded database go there
	 * @param environment the gateway's variables
	 * @return the process
	 */
	public static Process start(Path dir, Map<String, String> environment) throws IOException {
		return start(dir, environment, List.of("-Xmx256m"));
	}

	/**
	 * @param dir the test's directory: the log and the embedded database go there
	 * @param environment the gateway's variables
	 * @param jvmOptions the JVM's options, such as the heap size
	 * @return the process
	 */
	public static Process start(Path dir, Map<String, String> environment, List<String> jvmOptions) throws IOException {
		return JAR.start(dir, environment, jvmOptions);
	}

	/** What the gateway started from {@code dir} has written. */
	public static String log(Path dir) throws IOException {
		return JAR.log(dir);
	}

	/** Waits up to a minute for the liveliness probe; fails with the log. */
	public static void awaitLive(HttpClient client, int port, Process process, Path dir) throws Exception {
		JAR.awaitLive(client, port, process, dir);
	}

	public static int freePort() throws IOException {
		return ServiceJar.freePort();
	}

}
