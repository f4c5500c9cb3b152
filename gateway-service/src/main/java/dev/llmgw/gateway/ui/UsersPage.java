package dev.llmgw.gateway.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.ui.UiLayout.Field;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Internal Users: search by email, filter by role, page through ({@code /user/list});
 * create ({@code /user/new}, whose first key is shown once) and delete.
 */
final class UsersPage {

	static final String PATH = "/ui/users";

	private static final List<String> ROLES = List.of("internal_user", "internal_user_viewer", "proxy_admin",
			"proxy_admin_viewer");

	private final AdminCalls api;

	UsersPage(AdminCalls api) {
		this.api = api;
	}

	Mono<ServerResponse> list(ServerRequest request) {
		String email = request.queryParam("user_email").filter((value) -> !value.isBlank()).orElse(null);
		String role = request.queryParam("role").filter(ROLES::contains).orElse(null);
		String page = request.queryParam("page").orElse("1");
		return this.api.get(request, "/user/list", "page", page, "page_size", 25, "user_email", email, "role", role)
			.flatMap((body) -> UiLayout.render(request, "Internal Users", (html) -> {
				html.open("form", "method", "get", "action", PATH, "class", "filters", "role", "search");
				new Field("user_email", "Email", "search", email, null, false).render(html);
				roleSelect(html, role, true);
				html.el("button", "Filter", "type", "submit");
				html.close("form");
				UiLayout.table(html, "Users (" + body.get("total") + ")",
						List.of("User ID", "Email", "Role", "Teams", "Keys", "Spend / budget", ""),
						UiLayout.rows(body.get("users")), (row, user) -> {
							row.el("td", user.get("user_id"), "class", "mono");
							row.el("td", UiLayout.cell(user.get("user_email")));
							row.el("td", UiLayout.cell(user.get("user_role")));
							row.el("td", UiLayout.cell(user.get("teams")));
							row.open("td")
								.link(Html.url(KeysPage.PATH, "user_id", user.get("user_id")),
										UiLayout.cell(user.get("key_count")))
								.close("td");
							row.el("td", UiLayout.money(user.get("spend")) + " / "
									+ UiLayout.budget(user.get("max_budget")));
							row.open("td");
							UiLayout.action(row, request, PATH + "/delete", "Delete",
									"Delete this user and their keys?", "user_id", String.valueOf(user.get("user_id")));
							row.close("td");
						});
				UiLayout.pager(html, PATH, UiLayout.pageNumber(body.get("page")),
						UiLayout.pageCount(body.get("total_pages")), "user_email", email, "role", role);
				html.el("h2", "Invite a user");
				UiLayout.openForm(html, request, PATH + "/new", "stack", null);
				Field.text("user_email", "Email", null, null).render(html);
				Field.text("user_id", "User ID", null, "Empty: one is made").render(html);
				roleSelect(html, "internal_user", false);
				Field.text("models", "Models", null, "Comma-separated; empty for every model").render(html);
				Field.number("max_budget", "Max budget (USD)", null, null).render(html);
				html.el("button", "Create user", "type", "submit");
				html.close("form");
			}))
			.onErrorResume((error) -> UiLayout.failed(request, "Internal Users", error));
	}

	private static void roleSelect(Html html, @org.jspecify.annotations.Nullable String selected, boolean any) {
		String id = any ? "s-role" : "f-user_role";
		html.open("div", "class", "field").el("label", "Role", "for", id);
		html.open("select", "id", id, "name", any ? "role" : "user_role");
		if (any) {
			html.el("option", "any", "value", "");
		}
		for (String role : ROLES) {
			html.el("option", role, "value", role, "selected", role.equals(selected) ? "" : null);
		}
		html.close("select").close("div");
	}

	Mono<ServerResponse> create(ServerRequest request) {
		return UiForms.read(request).flatMap((form) -> {
			Map<String, Object> body = new LinkedHashMap<>();
			UiForms.putIfPresent(body, "user_email", form.text("user_email"));
			UiForms.putIfPresent(body, "user_id", form.text("user_id"));
			String role = form.text("user_role");
			body.put("user_role", ROLES.contains(role) ? role : "internal_user");
			UiForms.putIfPresent(body, "models", form.list("models"));
			UiForms.putIfPresent(body, "max_budget", form.number("max_budget", "Max budget"));
			return this.api.post(request, "/user/new", body);
		}).flatMap((created) -> UiLayout.render(request, "User created", (html) -> {
			UiLayout.notice(html, "User " + created.get("user_id") + " created. Their first key is below; copy it now:"
					+ " it is not shown again.");
			html.open("p").el("code", created.get("key"), "id", "new-key", "class", "secret").close("p");
			html.open("p").link(PATH, "Back to users").close("p");
		})).onErrorResume((error) -> UiLayout.failed(request, "Internal Users", error));
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		return UiForms.read(request).flatMap((form) -> {
			String userId = form.required("user_id", "The user");
			return this.api.post(request, "/user/delete", Map.of("user_ids", List.of(userId)))
				.then(UiResponses.seeOther(PATH));
		}).onErrorResume((error) -> UiLayout.failed(request, "Internal Users", error));
	}

}
