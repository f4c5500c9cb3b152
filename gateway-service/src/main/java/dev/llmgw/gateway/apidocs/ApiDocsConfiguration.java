package dev.llmgw.gateway.apidocs;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import dev.llmgw.gateway.auth.OpenPath;
import dev.llmgw.gateway.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /openapi.json}, and Swagger UI on it at {@code /docs} and {@code /} (where
 * LiteLLM shows it), readable without a key as in LiteLLM; trying a route in it asks for
 * one. {@code DISABLE_SWAGGER_PAGE=true} (the original's deployment setting) or LiteLLM's
 * {@code NO_DOCS=True} turn all three off.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ApiDocsConfiguration.class);

	private static final Set<String> PAGES = Set.of("/", "/docs");

	private static final String ASSETS = "/docs/assets/";

	/** Relative links, so that the page also works behind a path prefix. */
	private static final byte[] PAGE = """
			<!doctype html>
			<html lang="en">
			<head>
			<meta charset="utf-8">
			<meta name="viewport" content="width=device-width, initial-scale=1">
			<title>LLM Gateway API</title>
			<link rel="stylesheet" href="docs/assets/swagger-ui.css">
			<link rel="icon" type="image/png" href="docs/assets/favicon-32x32.png">
			</head>
			<body>
			<noscript>This page needs JavaScript. The API's description itself is at
			<a href="openapi.json">openapi.json</a>.</noscript>
			<div id="swagger-ui"></div>
			<script src="docs/assets/swagger-ui-bundle.js"></script>
			<script src="docs/assets/start.js"></script>
			</body>
			</html>
			""".getBytes(StandardCharsets.UTF_8);

	/**
	 * Swagger UI started on the description; a file of its own, so no inline script is
	 * needed.
	 */
	private static final byte[] START = """
			window.ui = SwaggerUIBundle({ url: "openapi.json", dom_id: "#swagger-ui", deepLinking: true,
			  persistAuthorization: false, tryItOutEnabled: false });
			""".getBytes(StandardCharsets.UTF_8);

	static boolean enabled(GatewayConfig config) {
		return !(truthy(config.environment().get("DISABLE_SWAGGER_PAGE"))
				|| truthy(config.environment().get("NO_DOCS")));
	}

	private static boolean truthy(String value) {
		return value != null && Set.of("true", "1", "yes").contains(value.trim().toLowerCase(Locale.ROOT));
	}

	@Bean
	ApiDocs apiDocs(ObjectProvider<RouterFunction<?>> routers, JsonMapper mapper) {
		return new ApiDocs(() -> routers.orderedStream().toList(), mapper);
	}

	@Bean
	OpenPath apiDocsOpenPaths(GatewayConfig config) {
		boolean enabled = enabled(config);
		return (path) -> enabled && (PAGES.contains(path) || path.equals("/openapi.json") || path.startsWith(ASSETS));
	}

	@Bean
	RouterFunction<ServerResponse> apiDocsRoutes(GatewayConfig config, ApiDocs docs) {
		if (!enabled(config)) {
			log.info("API docs: off (DISABLE_SWAGGER_PAGE / NO_DOCS)");
			// a route that never matches: /docs, / and /openapi.json answer 404
			return RouterFunctions.route((request) -> false, (request) -> ServerResponse.notFound().build());
		}
		log.info("API docs: GET /openapi.json, Swagger UI at /docs and /");
		RouterFunctions.Builder routes = RouterFunctions.route()
			.GET("/openapi.json",
					(request) -> docs.description()
						.flatMap((json) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(json)))
			.GET(ASSETS + "start.js",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.parseMediaType("text/javascript"))
						.bodyValue(START))
			.GET(ASSETS + "{file}", (request) -> {
				String file = request.pathVariable("file");
				return docs.asset(file)
					.flatMap((bytes) -> ServerResponse.ok()
						.contentType(MediaType.parseMediaType(ApiDocs.ASSETS.get(file)))
						.cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(1)).cachePublic())
						.bodyValue(bytes))
					.switchIfEmpty(ServerResponse.notFound().build());
			});
		for (String page : PAGES) {
			routes.GET(page, (request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(PAGE));
		}
		return routes.build();
	}

}
