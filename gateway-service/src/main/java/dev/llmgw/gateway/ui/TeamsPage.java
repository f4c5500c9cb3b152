package dev.llmgw.gateway.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.ui.UiLayout.Field;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Teams: search and page through ({@code /v2/team/list}), create, and per team its
 * members with their roles, budget, limits, models and keys ({@code /team/info}); add,
 * change and remove members, delete the team.
 */
final class TeamsPage {

	static final String PATH = "/ui/teams";

	private final AdminCalls api;

	TeamsPage(AdminCalls api) {
		this.api = api;
	}

	Mono<ServerResponse> list(ServerRequest request) {
		String alias = request.queryParam("team_alias").filter((value) -> !value.isBlank()).orElse(null);
		String page = request.queryParam("page").orElse("1");
		return this.api.get(request, "/v2/team/list", "page", page, "page_size", 25, "team_alias", alias)
			.flatMap((body) -> UiLayout.render(request, "Teams", (html) -> {
				html.open("form", "method", "get", "action", PATH, "class", "filters", "role", "search");
				new Field("team_alias", "Team name", "search", alias, null, false).render(html);
				html.el("button", "Search", "type", "submit");
				html.close("form");
				UiLayout.table(html, "Teams (" + body.get("total") + ")",
						List.of("Team", "Team ID", "Members", "Models", "Spend / budget", "Limits", "Status"),
						UiLayout.rows(body.get("teams")), (row, team) -> {
							row.open("td")
								.link(Html.url(PATH + "/view", "team_id", team.get("team_id")),
										team.get("team_alias") != null ? team.get("team_alias") : "(no name)")
								.close("td");
							row.el("td", team.get("team_id"), "class", "mono");
							row.el("td", UiLayout.rows(team.get("members_with_roles")).size());
							row.el("td", UiLayout.cell(team.get("models")));
							row.el("td", UiLayout.money(team.get("spend")) + " / "
									+ UiLayout.budget(team.get("max_budget")));
							row.el("td", limits(team));
							row.el("td", Boolean.TRUE.equals(team.get("blocked")) ? "blocked" : "active");
						});
				UiLayout.pager(html, PATH, UiLayout.pageNumber(body.get("page")),
						UiLayout.pageCount(body.get("total_pages")), "team_alias", alias);
				html.el("h2", "Create a team");
				UiLayout.form(html, request, PATH + "/new", "Create team",
						List.of(Field.text("team_alias", "Team name", null, null).mandatory(),
								Field.text("models", "Models", null, "Comma-separated; empty for every model"),
								Field.number("max_budget", "Max budget (USD)", null, null),
								Field.text("budget_duration", "Budget duration", null, "30d, 7d, 24h..."),
								Field.number("tpm_limit", "Tokens per minute", null, null),
								Field.number("rpm_limit", "Requests per minute", null, null)));
			}))
			.onErrorResume((error) -> UiLayout.failed(request, "Teams", error));
	}

	Mono<ServerResponse> create(ServerRequest request) {
		return UiForms.read(request).flatMap((form) -> {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("team_alias", form.required("team_alias", "Team name"));
			UiForms.putIfPresent(body, "models", form.list("models"));
			UiForms.putIfPresent(body, "max_budget", form.number("max_budget", "Max budget"));
			UiForms.putIfPresent(body, "budget_duration", form.text("budget_duration"));
			UiForms.putIfPresent(body, "tpm_limit", form.number("tpm_limit", "Tokens per minute"));
			UiForms.putIfPresent(body, "rpm_limit", form.number("rpm_limit", "Requests per minute"));
			return this.api.post(request, "/team/new", body);
		})
			.flatMap((team) -> UiResponses.seeOther(Html.url(PATH + "/view", "team_id", team.get("team_id"))))
			.onErrorResume((error) -> UiLayout.failed(request, "Teams", error));
	}

	Mono<ServerResponse> view(ServerRequest request) {
		String teamId = request.queryParam("team_id").orElse("");
		return this.api.get(request, "/team/info", "team_id", teamId).flatMap((body) -> {
			Map<String, Object> team = UiLayout.map(body.get("team_info"));
			String title = "Team " + (team.get("team_alias") != null ? team.get("team_alias") : teamId);
			return UiLayout.render(request, title, (html) -> {
				html.open("dl", "class", "facts");
				UiLayout.fact(html, "Team ID", teamId);
				UiLayout.fact(html, "Models", UiLayout.cell(team.get("models")));
				UiLayout.fact(html, "Spend", UiLayout.money(team.get("spend")));
				UiLayout.fact(html, "Max budget", UiLayout.budget(team.get("max_budget")));
				UiLayout.fact(html, "Budget duration", UiLayout.cell(team.get("budget_duration")));
				UiLayout.fact(html, "Limits", limits(team));
				UiLayout.fact(html, "Status", Boolean.TRUE.equals(team.get("blocked")) ? "blocked" : "active");
				html.close("dl");
				UiLayout.table(html, "Members", List.of("User", "Email", "Role", ""),
						UiLayout.rows(team.get("members_with_roles")), (row, member) -> {
							row.el("td", member.get("user_id"), "class", "mono");
							row.el("td", UiLayout.cell(member.get("user_email")));
							String userId = String.valueOf(member.get("user_id"));
							boolean isAdmin = "admin".equals(member.get("role"));
							row.open("td");
							// the other role, one click away
							UiLayout.openForm(row, request, PATH + "/member/update", "inline", null);
							row.open("input", "type", "hidden", "name", "team_id", "value", teamId);
							row.open("input", "type", "hidden", "name", "user_id", "value", userId);
							row.open("input", "type", "hidden", "name", "role", "value", isAdmin ? "user" : "admin");
							row.text(isAdmin ? "admin " : "user ");
							row.el("button", isAdmin ? "Make user" : "Make admin", "type", "submit");
							row.close("form");
							row.close("td");
							row.open("td");
							UiLayout.action(row, request, PATH + "/member/delete", "Remove",
									"Remove this member from the team?", "team_id", teamId, "user_id",
									String.valueOf(member.get("user_id")));
							row.close("td");
						});
				html.el("h2", "Add a member");
				UiLayout.openForm(html, request, PATH + "/member/add", "stack", null);
				html.open("input", "type", "hidden", "name", "team_id", "value", teamId);
				Field.text("user_id", "User ID", null, "Or an email below").render(html);
				Field.text("user_email", "User email", null, null).render(html);
				html.open("div", "class", "field").el("label", "Role", "for", "f-role");
				html.open("select", "id", "f-role", "name", "role");
				html.el("option", "user", "value", "user");
				html.el("option", "admin", "value", "admin");
				html.close("select").close("div");
				html.el("button", "Add member", "type", "submit");
				html.close("form");
				UiLayout.table(html, "Keys of the team", List.of("Alias", "Key", "User", "Spend"),
						UiLayout.rows(body.get("keys")), (row, key) -> {
							row.open("td")
								.link(Html.url(KeysPage.PATH + "/view", "token", key.get("token")),
										key.get("key_alias") != null ? key.get("key_alias") : "(no alias)")
								.close("td");
							row.el("td", key.get("key_name"), "class", "mono");
							row.el("td", UiLayout.cell(key.get("user_id")));
							row.el("td", UiLayout.money(key.get("spend")));
						});
				html.open("div", "class", "actions");
				UiLayout.action(html, request, PATH + "/delete", "Delete team",
						"Delete this team? Its keys must be deleted first.", "team_id", teamId);
				html.close("div");
			});
		}).onErrorResume((error) -> UiLayout.failed(request, "Team", error));
	}

	Mono<ServerResponse> addMember(ServerRequest request) {
		return UiForms.read(request).flatMap((form) -> {
			String teamId = form.required("team_id", "The team");
			Map<String, Object> member = new LinkedHashMap<>();
			UiForms.putIfPresent(member, "user_id", form.text("user_id"));
			UiForms.putIfPresent(member, "user_email", form.text("user_email"));
			member.put("role", "admin".equals(form.text("role")) ? "admin" : "user");
			return this.api.post(request, "/team/member_add", Map.of("team_id", teamId, "member", member))
				.then(UiResponses.seeOther(Html.url(PATH + "/view", "team_id", teamId)));
		}).onErrorResume((error) -> UiLayout.failed(request, "Team", error));
	}

	Mono<ServerResponse> updateMember(ServerRequest request) {
		return UiForms.read(request).flatMap((form) -> {
			String teamId = form.required("team_id", "The team");
			String userId = form.required("user_id", "The member");
			String role = "admin".equals(form.text("role")) ? "admin" : "user";
			return this.api
				.post(request, "/team/member_update", Map.of("team_id", teamId, "user_id", userId, "role", role))
				.then(UiResponses.seeOther(Html.url(PATH + "/view", "team_id", teamId)));
		}).onErrorResume((error) -> UiLayout.failed(request, "Team", error));
	}

	Mono<ServerResponse> deleteMember(ServerRequest request) {
		return UiForms.read(request).flatMap((form) -> {
			String teamId = form.required("team_id", "The team");
			String userId = form.required("user_id", "The member");
			return this.api.post(request, "/team/member_delete", Map.of("team_id", teamId, "user_id", userId))
				.then(UiResponses.seeOther(Html.url(PATH + "/view", "team_id", teamId)));
		}).onErrorResume((error) -> UiLayout.failed(request, "Team", error));
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		return UiForms.read(request).flatMap((form) -> {
			String teamId = form.required("team_id", "The team");
			return this.api.post(request, "/team/delete", Map.of("team_ids", List.of(teamId)))
				.then(UiResponses.seeOther(PATH));
		}).onErrorResume((error) -> UiLayout.failed(request, "Team", error));
	}

	static String limits(Map<String, Object> row) {
		String tpm = (row.get("tpm_limit") != null) ? row.get("tpm_limit") + " tpm" : "";
		String rpm = (row.get("rpm_limit") != null) ? row.get("rpm_limit") + " rpm" : "";
		String both = (tpm + " " + rpm).strip();
		return both.isEmpty() ? "–" : both;
	}

}
