package dev.llmgw.gateway.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.ui.UiLayout.Field;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Virtual Keys: search by alias, filter by team and user, page through; create with
 * models, budgets, durations, limits, guardrails and metadata, the new key shown once;
 * edit, regenerate, block, unblock, delete. All through {@code /key/*}.
 */
final class KeysPage {

	static final String PATH = "/ui/keys";

	private static final int PAGE_SIZE = 25;

	private final AdminCalls api;

	private final JsonMapper mapper;

	KeysPage(AdminCalls api, JsonMapper mapper) {
		this.api = api;
		this.mapper = mapper;
	}

	Mono<ServerResponse> list(ServerRequest request) {
		String alias = request.queryParam("key_alias").filter((value) -> !value.isBlank()).orElse(null);
		String team = request.queryParam("team_id").filter((value) -> !value.isBlank()).orElse(null);
		String user = request.queryParam("user_id").filter((value) -> !value.isBlank()).orElse(null);
		String page = request.queryParam("page").orElse("1");
		return this.api
			.get(request, "/key/list", "return_full_object", "true", "size", PAGE_SIZE, "page", page, "key_alias",
					alias, "team_id", team, "user_id", user)
			.flatMap((body) -> UiLayout.render(request, "Virtual Keys", (html) -> {
				html.open("p").link(PATH + "/new", "Create a key", "class", "button").close("p");
				filters(html, alias, team, user);
				List<Map<String, Object>> keys = UiLayout.rows(body.get("keys"));
				UiLayout.table(html, "Keys (" + body.get("total_count") + ")", List.of("Alias", "Key", "Team", "User",
						"Models", "Spend / budget", "Limits", "Expires", "Status"), keys, (row, key) -> {
							row.open("td")
								.link(Html.url(PATH + "/view", "token", key.get("token")),
										key.get("key_alias") != null ? key.get("key_alias") : "(no alias)")
								.close("td");
							row.el("td", key.get("key_name"), "class", "mono");
							row.el("td", UiLayout.cell(key.get("team_id")));
							row.el("td", UiLayout.cell(key.get("user_id")));
							row.el("td", UiLayout.cell(key.get("models")));
							row.el("td",
									UiLayout.money(key.get("spend")) + " / " + UiLayout.budget(key.get("max_budget")));
							row.el("td", limits(key));
							row.el("td", UiLayout.cell(key.get("expires")));
							row.el("td", Boolean.TRUE.equals(key.get("blocked")) ? "blocked" : "active");
						});
				UiLayout.pager(html, PATH, UiLayout.pageNumber(body.get("current_page")),
						UiLayout.pageCount(body.get("total_pages")), "key_alias", alias, "team_id", team, "user_id",
						user);
			}))
			.onErrorResume((error) -> UiLayout.failed(request, "Virtual Keys", error));
	}

	private static void filters(Html html, @Nullable String alias, @Nullable String team, @Nullable String user) {
		html.open("form", "method", "get", "action", PATH, "class", "filters", "role", "search");
		new Field("key_alias", "Alias", "search", alias, null, false).render(html);
		new Field("team_id", "Team ID", "search", team, null, false).render(html);
		new Field("user_id", "User ID", "search", user, null, false).render(html);
		html.el("button", "Filter", "type", "submit");
		html.close("form");
	}

	Mono<ServerResponse> newForm(ServerRequest request) {
		return UiLayout.render(request, "Create a key", (html) -> createForm(html, request));
	}

	private void createForm(Html html, ServerRequest request) {
		UiLayout.form(html, request, PATH + "/new", "Create key",
				List.of(Field.text("key_alias", "Alias", null, "A name to find the key by"),
						Field.text("team_id", "Team ID", null, null), Field.text("user_id", "User ID", null, null),
						Field.text("models", "Models", null, "Comma-separated model names; empty for every model"),
						Field.number("max_budget", "Max budget (USD)", null, null),
						Field.text("budget_duration", "Budget duration", null,
								"Resets the spend: 30s, 30m, 24h, 7d, 1mo"),
						Field.text("duration", "Expires after", null, "Such as 30d; empty never expires"),
						Field.number("tpm_limit", "Tokens per minute", null, null),
						Field.number("rpm_limit", "Requests per minute", null, null),
						Field.number("max_parallel_requests", "Parallel requests", null, null),
						Field.text("guardrails", "Guardrails", null, "Comma-separated guardrail names"),
						Field.area("metadata", "Metadata (JSON)", null, "Such as {\"project\": \"search\"}")));
	}

	Mono<ServerResponse> create(ServerRequest request) {
		return UiForms.read(request).flatMap((form) -> {
			Map<String, Object> body = new LinkedHashMap<>();
			for (String name : List.of("key_alias", "team_id", "user_id", "budget_duration", "duration")) {
				UiForms.putIfPresent(body, name, form.text(name));
			}
			UiForms.putIfPresent(body, "models", form.list("models"));
			UiForms.putIfPresent(body, "guardrails", form.list("guardrails"));
			UiForms.putIfPresent(body, "max_budget", form.number("max_budget", "Max budget"));
			UiForms.putIfPresent(body, "tpm_limit", form.number("tpm_limit", "Tokens per minute"));
			UiForms.putIfPresent(body, "rpm_limit", form.number("rpm_limit", "Requests per minute"));
			UiForms.putIfPresent(body, "max_parallel_requests",
					form.number("max_parallel_requests", "Parallel requests"));
			UiForms.putIfPresent(body, "metadata", form.json("metadata", "Metadata", this.mapper));
			return this.api.post(request, "/key/generate", body);
		})
			.flatMap((created) -> shownOnce(request, "Key created", created))
			.onErrorResume((error) -> UiLayout.render(request, UiLayout.status(error), "Create a key", (html) -> {
				UiLayout.error(html, error);
				createForm(html, request);
			}));
	}

	/** The page that shows a new key: the only time it is ever shown (never cached). */
	private static Mono<ServerResponse> shownOnce(ServerRequest request, String title, Map<String, Object> created) {
		return UiLayout.render(request, HttpStatus.OK, title, (html) -> {
			UiLayout.notice(html, "Copy the key now: it is not shown again.");
			html.open("p").el("code", created.get("key"), "id", "new-key", "class", "secret").close("p");
			html.open("p")
				.link(Html.url(PATH + "/view", "token", created.get("token")), "See the key's settings")
				.raw(" · ")
				.link(PATH, "Back to all keys")
				.close("p");
		});
	}

	Mono<ServerResponse> view(ServerRequest request) {
		String token = request.queryParam("token").orElse("");
		return this.api.get(request, "/key/info", "key", token)
			.flatMap((body) -> UiLayout.render(request, "Key",
					(html) -> details(html, request, token, UiLayout.map(body.get("info")))))
			.onErrorResume((error) -> UiLayout.failed(request, "Key", error));
	}

	private void details(Html html, ServerRequest request, String token, Map<String, Object> key) {
		html.open("dl", "class", "facts");
		UiLayout.fact(html, "Alias", key.get("key_alias"));
		UiLayout.fact(html, "Key", key.get("key_name"));
		UiLayout.fact(html, "Team", key.get("team_id"));
		UiLayout.fact(html, "User", key.get("user_id"));
		UiLayout.fact(html, "Models", UiLayout.cell(key.get("models")));
		UiLayout.fact(html, "Spend", UiLayout.money(key.get("spend")));
		UiLayout.fact(html, "Max budget", UiLayout.budget(key.get("max_budget")));
		UiLayout.fact(html, "Budget duration", key.get("budget_duration"));
		UiLayout.fact(html, "Budget resets", key.get("budget_reset_at"));
		UiLayout.fact(html, "Limits", limits(key));
		UiLayout.fact(html, "Guardrails", UiLayout.cell(key.get("guardrails")));
		UiLayout.fact(html, "Expires", key.get("expires"));
		UiLayout.fact(html, "Created", key.get("created_at"));
		UiLayout.fact(html, "Status", Boolean.TRUE.equals(key.get("blocked")) ? "blocked" : "active");
		UiLayout.fact(html, "Metadata", json(key.get("metadata")));
		html.close("dl");
		html.open("div", "class", "actions");
		boolean blocked = Boolean.TRUE.equals(key.get("blocked"));
		UiLayout.action(html, request, PATH + (blocked ? "/unblock" : "/block"), blocked ? "Unblock" : "Block",
				blocked ? null : "Block this key? Calls with it are refused until it is unblocked.", "token", token);
		UiLayout.action(html, request, PATH + "/regenerate", "Regenerate",
				"Regenerate this key? The old key stops working at once.", "token", token);
		UiLayout.action(html, request, PATH + "/delete", "Delete", "Delete this key for good?", "token", token);
		html.close("div");
		html.el("h2", "Edit");
		List<Field> fields = List.of(Field.text("key_alias", "Alias", key.get("key_alias"), null),
				Field.text("models", "Models", joined(key.get("models")), "Comma-separated; empty for every model"),
				Field.number("max_budget", "Max budget (USD)", key.get("max_budget"), null),
				Field.text("budget_duration", "Budget duration", key.get("budget_duration"), null),
				Field.number("tpm_limit", "Tokens per minute", key.get("tpm_limit"), null),
				Field.number("rpm_limit", "Requests per minute", key.get("rpm_limit"), null),
				Field.number("max_parallel_requests", "Parallel requests", key.get("max_parallel_requests"), null),
				Field.text("guardrails", "Guardrails", joined(key.get("guardrails")), null),
				Field.area("metadata", "Metadata (JSON)", json(key.get("metadata")), null));
		UiLayout.openForm(html, request, PATH + "/update", "stack", null);
		html.open("input", "type", "hidden", "name", "token", "value", token);
		fields.forEach((field) -> field.render(html));
		html.el("button", "Save", "type", "submit");
		html.close("form");
	}

	Mono<ServerResponse> update(ServerRequest request) {
		return UiForms.read(request).flatMap((form) -> {
			String token = form.required("token", "The key");
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("key", token);
			UiForms.putIfPresent(body, "key_alias", form.text("key_alias"));
			UiForms.putIfPresent(body, "budget_duration", form.text("budget_duration"));
			List<String> models = form.list("models");
			body.put("models", (models != null) ? models : List.of());
			List<String> guardrails = form.list("guardrails");
			body.put("guardrails", (guardrails != null) ? guardrails : List.of());
			body.put("max_budget", form.number("max_budget", "Max budget"));
			body.put("tpm_limit", form.number("tpm_limit", "Tokens per minute"));
			body.put("rpm_limit", form.number("rpm_limit", "Requests per minute"));
			body.put("max_parallel_requests", form.number("max_parallel_requests", "Parallel requests"));
			Map<String, Object> metadata = form.json("metadata", "Metadata", this.mapper);
			body.put("metadata", (metadata != null) ? metadata : Map.of());
			return this.api.post(request, "/key/update", body)
				.then(UiResponses.seeOther(Html.url(PATH + "/view", "token", token)));
		}).onErrorResume((error) -> UiLayout.failed(request, "Key", error));
	}

	Mono<ServerResponse> block(ServerRequest request) {
		return simple(request, "/key/block");
	}

	Mono<ServerResponse> unblock(ServerRequest request) {
		return simple(request, "/key/unblock");
	}

	private Mono<ServerResponse> simple(ServerRequest request, String route) {
		return UiForms.read(request).flatMap((form) -> {
			String token = form.required("token", "The key");
			return this.api.post(request, route, Map.of("key", token))
				.then(UiResponses.seeOther(Html.url(PATH + "/view", "token", token)));
		}).onErrorResume((error) -> UiLayout.failed(request, "Key", error));
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		return UiForms.read(request).flatMap((form) -> {
			String token = form.required("token", "The key");
			return this.api.post(request, "/key/delete", Map.of("keys", List.of(token)))
				.then(UiResponses.seeOther(PATH));
		}).onErrorResume((error) -> UiLayout.failed(request, "Key", error));
	}

	Mono<ServerResponse> regenerate(ServerRequest request) {
		return UiForms.read(request).flatMap((form) -> {
			String token = form.required("token", "The key");
			return this.api.post(request, "/key/regenerate", Map.of("key", token));
		})
			.flatMap((created) -> shownOnce(request, "Key regenerated", created))
			.onErrorResume((error) -> UiLayout.failed(request, "Key", error));
	}

	private String json(@Nullable Object value) {
		if (value == null || (value instanceof Map<?, ?> map && map.isEmpty())) {
			return "";
		}
		return this.mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value);
	}

	private static @Nullable String joined(@Nullable Object value) {
		return (value instanceof List<?> list) ? String.join(", ", list.stream().map(String::valueOf).toList()) : null;
	}

	private static String limits(Map<String, Object> key) {
		StringBuilder limits = new StringBuilder();
		if (key.get("tpm_limit") != null) {
			limits.append(key.get("tpm_limit")).append(" tpm ");
		}
		if (key.get("rpm_limit") != null) {
			limits.append(key.get("rpm_limit")).append(" rpm ");
		}
		if (key.get("max_parallel_requests") != null) {
			limits.append(key.get("max_parallel_requests")).append(" parallel");
		}
		return limits.isEmpty() ? "–" : limits.toString().strip();
	}

}
