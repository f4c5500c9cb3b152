package dev.llmgw.gateway.apidocs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.llmgw.model.anthropic.MessagesRequest;
import dev.llmgw.model.anthropic.MessagesResponse;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.ChatCompletionChunk;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.EmbeddingRequest;
import dev.llmgw.model.openai.ErrorBody;
import dev.llmgw.model.openai.ModelCard;
import dev.llmgw.model.openai.ModelList;
import org.jspecify.annotations.Nullable;

/**
 * The OpenAPI 3.1 description of the routes the gateway serves. Paths and methods come
 * from the routers ({@link RouteInventory}); the body of a route that reads or writes a
 * wire record is that record's schema ({@link RecordSchemas}), chosen by what the route
 * ends with, so that every alias of the chat route (Azure's deployments path, the bare
 * one) is described alike. The admin API still reads untyped bodies: its routes are
 * described as JSON objects, with the page that lists their fields.
 */
final class OpenApiDocument {

	private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([A-Za-z0-9_]+)}");

	/**
	 * The groups, in the order a reader looks for them: the model APIs, then
	 * administration.
	 */
	private static final Map<String, String> TAGS = tags();

	/** Routes answered without a key. */
	private static final Set<String> OPEN = Set.of("/", "/docs", "/openapi.json", "/health/liveliness",
			"/health/liveness", "/health/readiness");

	private OpenApiDocument() {
	}

	/**
	 * @param routes path pattern to methods
	 * @param version the gateway's version
	 * @return the description, as a JSON tree of maps and lists
	 */
	static Map<String, Object> of(Map<String, Set<String>> routes, String version) {
		RecordSchemas schemas = new RecordSchemas();
		Map<String, Object> error = schemas.ref(ErrorBody.class);
		Map<String, Object> paths = new LinkedHashMap<>();
		routes.forEach((pattern, methods) -> {
			if (pattern.equals("/") || pattern.startsWith("/docs")) {
				// the documentation's own page, not the API
				return;
			}
			Map<String, Object> item = new LinkedHashMap<>();
			Matcher variables = VARIABLE.matcher(pattern);
			List<Map<String, Object>> parameters = new ArrayList<>();
			while (variables.find()) {
				parameters.add(Map.of("name", variables.group(1), "in", "path", "required", true, "schema",
						Map.of("type", "string")));
			}
			for (String method : methods) {
				item.put(method.toLowerCase(Locale.ROOT), operation(method, pattern, parameters, schemas, error));
			}
			paths.put(VARIABLE.matcher(pattern).replaceAll("{$1}"), item);
		});
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("openapi", "3.1.0");
		document.put("info", Map.of("title", "LLM Gateway", "version", version, "description",
				"OpenAI-, Anthropic- and LiteLLM-compatible gateway. Send your gateway key (or the master key) as "
						+ "`Authorization: Bearer sk-...`."));
		document.put("security", List.of(Map.of("bearerAuth", List.of())));
		List<Map<String, Object>> tags = new ArrayList<>();
		TAGS.forEach((name, description) -> tags.add(Map.of("name", name, "description", description)));
		document.put("tags", tags);
		document.put("paths", paths);
		document.put("components", Map.of("schemas", schemas.components(), "securitySchemes",
				Map.of("bearerAuth", Map.of("type", "http", "scheme", "bearer"))));
		return document;
	}

	private static Map<String, String> tags() {
		Map<String, String> tags = new LinkedHashMap<>();
		tags.put("chat", "OpenAI chat completions, streamed or not");
		tags.put("messages", "Anthropic's Messages API");
		tags.put("completions", "OpenAI's legacy text completions");
		tags.put("embeddings", "OpenAI embeddings");
		tags.put("images", "OpenAI image generation");
		tags.put("rerank", "Documents ranked by relevance to a query (LiteLLM's, Cohere's shape)");
		tags.put("models", "The models a key may use");
		tags.put("key", "Virtual keys (LiteLLM's /key/*)");
		tags.put("user", "Internal users");
		tags.put("team", "Teams and their members");
		tags.put("customer", "End users (customers)");
		tags.put("budget", "Budgets end users share");
		tags.put("spend", "Spend logs, usage and charts");
		tags.put("model", "Models added at runtime");
		tags.put("guardrails", "Guardrails");
		tags.put("cache", "The response cache");
		tags.put("health", "Probes and health checks");
		return tags;
	}

	private static Map<String, Object> operation(String method, String pattern, List<Map<String, Object>> parameters,
			RecordSchemas schemas, Map<String, Object> error) {
		Body body = body(method, pattern);
		Map<String, Object> operation = new LinkedHashMap<>();
		operation.put("tags", List.of(tag(pattern)));
		if (body.summary() != null) {
			operation.put("summary", body.summary());
		}
		operation.put("operationId", operationId(method, pattern));
		if (!parameters.isEmpty()) {
			operation.put("parameters", parameters);
		}
		if (OPEN.contains(pattern)) {
			operation.put("security", List.of());
		}
		if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
			Map<String, Object> schema = (body.request() != null) ? schemas.ref(body.request())
					: Map.of("type", "object");
			operation.put("requestBody", Map.of("required", body.request() != null, "content",
					Map.of("application/json", Map.of("schema", schema))));
		}
		Map<String, Object> ok = new LinkedHashMap<>();
		ok.put("description", "OK");
		Map<String, Object> content = new LinkedHashMap<>();
		content.put("application/json",
				Map.of("schema", (body.response() != null) ? schemas.ref(body.response()) : Map.of()));
		if (body.stream() != null) {
			content.put("text/event-stream",
					Map.of("schema",
							Map.of("type", "string", "description",
									"with \"stream\": true, server-sent events, each data line one "
											+ body.stream().getSimpleName() + " in JSON, ending with data: [DONE]"),
							"x-event-schema", schemas.ref(body.stream())));
		}
		ok.put("content", content);
		operation.put("responses",
				Map.of("200", ok, "default",
						Map.of("description", "An error, in OpenAI's error shape (Anthropic's on its routes)",
								"content", Map.of("application/json", Map.of("schema", error)))));
		return operation;
	}

	/** What a route reads and answers, by what its path ends with. */
	private static Body body(String method, String pattern) {
		if (method.equals("POST")) {
			if (pattern.endsWith("/chat/completions")) {
				return new Body("Create a chat completion (OpenAI)", ChatCompletionRequest.class, ChatCompletion.class,
						ChatCompletionChunk.class);
			}
			if (pattern.endsWith("/embeddings")) {
				return new Body("Create embeddings (OpenAI)", EmbeddingRequest.class, null, null);
			}
			if (pattern.endsWith("/messages/count_tokens")) {
				return new Body("Count a message's tokens (Anthropic)", MessagesRequest.class, null, null);
			}
			if (pattern.endsWith("/messages")) {
				return new Body("Create a message (Anthropic)", MessagesRequest.class, MessagesResponse.class, null);
			}
			if (pattern.endsWith("/completions")) {
				return new Body("Create a text completion (OpenAI, legacy)", null, null, null);
			}
			if (pattern.endsWith("/images/generations")) {
				return new Body("Generate images (OpenAI)", null, null, null);
			}
			if (pattern.endsWith("/rerank")) {
				return new Body("Rank documents by relevance to a query", null, null, null);
			}
			if (pattern.endsWith("/audio/speech")) {
				return new Body("Read text aloud (OpenAI)", null, null, null);
			}
			if (pattern.endsWith("/audio/transcriptions")) {
				return new Body("Transcribe audio (OpenAI, multipart)", null, null, null);
			}
			if (pattern.endsWith("/files")) {
				return new Body("Upload a file to a provider's Files API (OpenAI, multipart)", null, null, null);
			}
			if (pattern.endsWith("/batches")) {
				return new Body("Start a batch on a provider's Batch API (OpenAI)", null, null, null);
			}
			if (pattern.endsWith("/moderations")) {
				return new Body("Classify text against a content policy (OpenAI)", null, null, null);
			}
			if (pattern.endsWith("/responses")) {
				return new Body("Create a response (OpenAI Responses API)", null, null, null);
			}
		}
		if (pattern.endsWith("/responses/{id}")) {
			return new Body(method.equals("DELETE") ? "Delete a stored response" : "A stored response", null, null,
					null);
		}
		if (pattern.endsWith("/input_items")) {
			return new Body("A stored response's input items", null, null, null);
		}
		if (method.equals("GET") && pattern.matches("(/v1)?/models")) {
			return new Body("List the models the key may use", null, ModelList.class, null);
		}
		if (method.equals("GET") && pattern.matches("(/v1)?/models/\\{\\*?model}")) {
			return new Body("One model the key may use", null, ModelCard.class, null);
		}
		return new Body(null, null, null, null);
	}

	/** A route's group: its first path segment after version and deployment prefixes. */
	static String tag(String pattern) {
		String path = pattern.replaceFirst("^/(openai/deployments|engines)/\\{[^}]*}", "")
			.replaceFirst("^/anthropic", "")
			.replaceFirst("^/v[0-9]+(beta)?(?=/)", "");
		String[] segments = path.split("/");
		String first = (segments.length > 1 && !segments[1].isEmpty()) ? segments[1] : "gateway";
		return switch (first) {
			case "global", "spend" -> "spend";
			case "customer", "end_user" -> "customer";
			case "openapi.json", "docs" -> "gateway";
			default -> first;
		};
	}

	private static String operationId(String method, String pattern) {
		String id = pattern.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
		return method.toLowerCase(Locale.ROOT) + "_" + (id.isEmpty() ? "root" : id);
	}

	/**
	 * @param summary what the route does, null for the method and path
	 * @param request the record it reads
	 * @param response the record it answers
	 * @param stream the record of each event when it streams
	 */
	private record Body(@Nullable String summary, @Nullable Class<?> request, @Nullable Class<?> response,
			@Nullable Class<?> stream) {

	}

}
