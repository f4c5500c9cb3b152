package dev.llmgw.middleware.support;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.llmgw.storage.ServiceJar;

/**
 * The packaged middleware jar started as deployment starts it ({@code java -jar},
 * environment variables, JVM options of the test's choosing), for the *JarTests that run
 * after the package phase. Its output goes to {@code middleware.log} in the test's
 * directory.
 */
public final class MiddlewareJar {

	private static final ServiceJar JAR = new ServiceJar("middleware", Path.of("target/middleware-service.jar"),
			"MIDDLEWARE_DATA_DIR");

	private MiddlewareJar() {
	}

	/**
	 * @param dir the test's directory: the log and the embedded database go there
	 * @param environment the middleware's variables
	 * @param jvmOptions the JVM's options, such as the heap size
	 * @return the process
	 */
	public static Process start(Path dir, Map<String, String> environment, List<String> jvmOptions) throws IOException {
		return JAR.start(dir, environment, jvmOptions);
	}

	/** What the middleware started from {@code dir} has written. */
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
