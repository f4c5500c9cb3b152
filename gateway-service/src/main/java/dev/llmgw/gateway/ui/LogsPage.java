package dev.llmgw.gateway.ui;

import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.ui.UiLayout.Field;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Logs: the spend log, newest first, filtered by request, key, user, team, model and
 * dates, paged by time (each page starts before the last row of the previous one, so a
 * deep page costs what the first does); one call's whole row, with its request and
 * response where the operator stores them.
 */
final class LogsPage {

	static final String PATH = "/ui/logs";

	private static final int PAGE_SIZE = 50;

	private static final List<String> FILTERS = List.of("request_id", "api_key", "user_id", "team_id", "model",
			"start_date", "end_date");

	private final AdminCalls api;

	private final JsonMapper mapper;

	LogsPage(AdminCalls api, JsonMapper mapper) {
		this.api = api;
		this.mapper = mapper;
	}

	Mono<ServerResponse> list(ServerRequest request) {
		Object[] query = new Object[FILTERS.size() * 2];
		for (int i = 0; i < FILTERS.size(); i++) {
			query[2 * i] = FILTERS.get(i);
			query[2 * i + 1] = request.queryParam(FILTERS.get(i)).filter((value) -> !value.isBlank()).orElse(null);
		}
		String before = request.queryParam("before").filter((value) -> !value.isBlank()).orElse(null);
		String beforeId = request.queryParam("before_id").filter((value) -> !value.isBlank()).orElse(null);
		Object[] call = java.util.Arrays.copyOf(query, query.length + 6);
		call[query.length] = "limit";
		call[query.length + 1] = PAGE_SIZE;
		call[query.length + 2] = "before";
		call[query.length + 3] = before;
		call[query.length + 4] = "before_id";
		call[query.length + 5] = beforeId;
		return this.api.get(request, "/spend/logs", call).flatMap((body) -> {
			List<Map<String, Object>> rows = UiLayout.rows(body.get("data"));
			return UiLayout.render(request, "Logs", (html) -> {
				html.open("form", "method", "get", "action", PATH, "class", "filters", "role", "search");
				new Field("request_id", "Request ID", "search", value(query, 1), null, false).render(html);
				new Field("api_key", "Key hash", "search", value(query, 3), null, false).render(html);
				new Field("user_id", "User ID", "search", value(query, 5), null, false).render(html);
				new Field("team_id", "Team ID", "search", value(query, 7), null, false).render(html);
				new Field("model", "Model", "search", value(query, 9), null, false).render(html);
				new Field("start_date", "From", "date", value(query, 11), null, false).render(html);
				new Field("end_date", "To", "date", value(query, 13), null, false).render(html);
				html.el("button", "Filter", "type", "submit");
				html.close("form");
				UiLayout.table(html, "Calls, newest first", List.of("Time", "Request", "Status", "Model", "Key", "User",
						"Team", "#Tokens", "#Spend", "Cache"), rows, (row, log) -> {
							row.el("td", log.get("startTime"));
							row.open("td")
								.link(Html.url(PATH + "/view", "request_id", log.get("request_id")),
										log.get("request_id"), "class", "mono")
								.close("td");
							row.el("td", UiLayout.cell(log.get("status")));
							row.el("td", UiLayout
								.cell(log.get("model_group") != null ? log.get("model_group") : log.get("model")));
							row.open("td");
							if (log.get("api_key") != null) {
								row.link(Html.url(KeysPage.PATH + "/view", "token", log.get("api_key")),
										String.valueOf(log.get("api_key"))
											.substring(0, Math.min(10, String.valueOf(log.get("api_key")).length()))
												+ "…",
										"class", "mono");
							}
							else {
								row.text("master key");
							}
							row.close("td");
							row.el("td", UiLayout.cell(log.get("user")));
							row.el("td", UiLayout.cell(log.get("team_id")));
							row.el("td", UiLayout.cell(log.get("total_tokens")), "class", "num");
							row.el("td", UiLayout.money(log.get("spend")), "class", "num");
							row.el("td", "True".equals(log.get("cache_hit")) ? "hit" : "–");
						});
				if (rows.size() == PAGE_SIZE) {
					Object[] next = java.util.Arrays.copyOf(query, query.length + 4);
					next[query.length] = "before";
					next[query.length + 1] = rows.get(rows.size() - 1).get("startTime");
					next[query.length + 2] = "before_id";
					next[query.length + 3] = rows.get(rows.size() - 1).get("request_id");
					html.open("nav", "class", "pager", "aria-label", "Pages");
					html.link(Html.url(PATH, next), "Older calls", "rel", "next");
					html.close("nav");
				}
			});
		}).onErrorResume((error) -> UiLayout.failed(request, "Logs", error));
	}

	Mono<ServerResponse> view(ServerRequest request) {
		String id = request.queryParam("request_id").orElse("");
		return this.api.get(request, "/spend/logs", "request_id", id).flatMap((body) -> {
			List<Map<String, Object>> rows = UiLayout.rows(body.get("data"));
			return UiLayout.render(request, "Call " + id, (html) -> {
				if (rows.isEmpty()) {
					UiLayout.notice(html, "No call with this request ID (or not yours to see).");
					return;
				}
				html.open("dl", "class", "facts");
				rows.get(0).forEach((name, value) -> {
					html.el("dt", name);
					if (value instanceof Map<?, ?> || value instanceof List<?> || isJson(value)) {
						html.open("dd").el("pre", pretty(value)).close("dd");
					}
					else {
						html.el("dd", UiLayout.cell(value));
					}
				});
				html.close("dl");
			});
		}).onErrorResume((error) -> UiLayout.failed(request, "Logs", error));
	}

	private static @Nullable String value(Object[] query, int index) {
		return (query[index] != null) ? String.valueOf(query[index]) : null;
	}

	private static boolean isJson(@Nullable Object value) {
		return value instanceof String text && (text.startsWith("{") || text.startsWith("["));
	}

	private String pretty(Object value) {
		try {
			Object parsed = (value instanceof String text) ? this.mapper.readValue(text, Object.class) : value;
			return this.mapper.writerWithDefaultPrettyPrinter().writeValueAsString(parsed);
		}
		catch (RuntimeException ex) {
			return String.valueOf(value);
		}
	}

}
