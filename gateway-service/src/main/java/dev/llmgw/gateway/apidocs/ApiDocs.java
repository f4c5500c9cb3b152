package dev.llmgw.gateway.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.llmgw.gateway.web.GatewayVersion;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.server.RouterFunction;

/**
 * The description and Swagger UI's files, each made or read once, on a worker thread (the
 * description walks the routers and the records; the files come out of the jar), then
 * served from memory.
 */
final class ApiDocs {

	/** Swagger UI's files that the page loads: nothing else of the WebJar is served. */
	static final Map<String, String> ASSETS = Map.of("swagger-ui.css", "text/css", "swagger-ui-bundle.js",
			"text/javascript", "favicon-32x32.png", "image/png", "favicon-16x16.png", "image/png");

	private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";

	private final Supplier<List<RouterFunction<?>>> routers;

	private final JsonMapper mapper;

	private volatile byte @Nullable [] description;

	private final Map<String, byte[]> assets = new ConcurrentHashMap<>();

	ApiDocs(Supplier<List<RouterFunction<?>>> routers, JsonMapper mapper) {
		this.routers = routers;
		this.mapper = mapper;
	}

	/** {@code /openapi.json}'s body. */
	Mono<byte[]> description() {
		byte[] made = this.description;
		if (made != null) {
			return Mono.just(made);
		}
		return Mono.fromCallable(() -> {
			byte[] json = this.mapper
				.writeValueAsBytes(OpenApiDocument.of(RouteInventory.of(this.routers.get()), GatewayVersion.VALUE));
			this.description = json;
			return json;
		}).subscribeOn(Schedulers.boundedElastic());
	}

	/** One of {@link #ASSETS}, empty for any other name. */
	Mono<byte[]> asset(String name) {
		if (!ASSETS.containsKey(name)) {
			return Mono.empty();
		}
		byte[] read = this.assets.get(name);
		if (read != null) {
			return Mono.just(read);
		}
		return Mono.fromCallable(() -> this.assets.computeIfAbsent(name, ApiDocs::read))
			.subscribeOn(Schedulers.boundedElastic());
	}

	private static byte[] read(String name) {
		ClassLoader loader = ApiDocs.class.getClassLoader();
		try (InputStream in = loader.getResourceAsStream(WEBJAR + version(loader) + "/" + name)) {
			if (in == null) {
				throw new IllegalStateException("Swagger UI's " + name + " is missing from the classpath");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The WebJar's version, from its own Maven metadata, so an upgrade needs no code
	 * change.
	 */
	private static String version(ClassLoader loader) throws IOException {
		try (InputStream in = loader.getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
			if (in == null) {
				throw new IllegalStateException("Swagger UI's WebJar is missing from the classpath");
			}
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("version");
		}
	}

}
