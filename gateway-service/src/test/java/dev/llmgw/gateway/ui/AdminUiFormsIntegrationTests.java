package dev.llmgw.gateway.ui;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The UI's forms change what the admin API says: a team made, a member added, made admin
 * and removed, a user invited and deleted; and a refused change shows the API's reason on
 * the page, in the API's status.
 */
class AdminUiFormsIntegrationTests extends GatewayTestBase {

	private String cookie;

	private String csrf;

	private void logIn() {
		HttpResponse<String> form = send(request("/login").GET().build());
		String loginCookie = form.headers().allValues("Set-Cookie").get(0).split(";")[0];
		HttpResponse<String> done = send(request("/login").header("Cookie", loginCookie)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(UiForm.encode("login_token",
					UiForm.find(UiForm.LOGIN_TOKEN, form.body()), "username", "admin", "password", MASTER_KEY)))
			.build());
		this.cookie = done.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((c) -> c.startsWith(UiSession.COOKIE + "="))
			.findFirst()
			.orElseThrow()
			.split(";")[0];
		this.csrf = UiForm.find(UiForm.CSRF, page("/ui/keys").body());
	}

	private HttpResponse<String> page(String path) {
		return send(request(path).header("Cookie", this.cookie).GET().build());
	}

	private HttpResponse<String> submit(String path, String... fields) {
		String[] all = new String[fields.length + 2];
		all[0] = "csrf";
		all[1] = this.csrf;
		System.arraycopy(fields, 0, all, 2, fields.length);
		return send(request(path).header("Cookie", this.cookie)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(UiForm.encode(all)))
			.build());
	}

	@Test
	void aTeamIsMadeItsMemberAddedPromotedAndRemovedThroughTheForms() {
		logIn();
		AdminClient admin = new AdminClient(url(""));
		String mark = UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> made = submit("/ui/teams/new", "team_alias", "forms-" + mark, "max_budget", "12.5");
		assertThat(made.statusCode()).isEqualTo(303);
		String location = made.headers().firstValue("Location").orElseThrow();
		String teamId = location.substring(location.indexOf("team_id=") + 8);
		assertThat(admin.get("/team/info?team_id=" + teamId, MASTER_KEY).text("/team_info/max_budget"))
			.isEqualTo("12.5");

		assertThat(submit("/ui/teams/member/add", "team_id", teamId, "user_id", "member-" + mark, "role", "user")
			.statusCode()).isEqualTo(303);
		assertThat(admin.get("/team/info?team_id=" + teamId, MASTER_KEY).text("/team_info/members_with_roles/0/role"))
			.isEqualTo("user");
		assertThat(page("/ui/teams/view?team_id=" + teamId).body()).contains("member-" + mark).contains("Make admin");
		assertThat(submit("/ui/teams/member/update", "team_id", teamId, "user_id", "member-" + mark, "role", "admin")
			.statusCode()).isEqualTo(303);
		assertThat(admin.get("/team/info?team_id=" + teamId, MASTER_KEY).text("/team_info/members_with_roles/0/role"))
			.isEqualTo("admin");
		assertThat(submit("/ui/teams/member/delete", "team_id", teamId, "user_id", "member-" + mark).statusCode())
			.isEqualTo(303);
		assertThat(admin.get("/team/info?team_id=" + teamId, MASTER_KEY).json().at("/team_info/members_with_roles"))
			.isEmpty();

		// the API's refusal, in its words and status
		HttpResponse<String> twice = submit("/ui/teams/member/delete", "team_id", "no-such-team-" + mark, "user_id",
				"x");
		assertThat(twice.statusCode()).isBetween(400, 404);
		assertThat(twice.body()).contains("class=\"error\"");
	}

	@Test
	void aUserIsInvitedWithTheirFirstKeyShownOnceAndDeleted() {
		logIn();
		AdminClient admin = new AdminClient(url(""));
		String mark = UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> invited = submit("/ui/users/new", "user_email", "invited-" + mark + "@example.com",
				"user_id", "invited-" + mark, "user_role", "internal_user", "max_budget", "3");
		assertThat(invited.statusCode()).isEqualTo(200);
		String key = UiForm.find(Pattern.compile("id=\"new-key\" class=\"secret\">([^<]+)<"), invited.body());
		assertThat(admin.get("/key/info?key=" + key, MASTER_KEY).text("/info/user_id")).isEqualTo("invited-" + mark);
		assertThat(page("/ui/users?user_email=invited-" + mark).body()).contains("invited-" + mark + "@example.com")
			.doesNotContain(key);
		assertThat(submit("/ui/users/delete", "user_id", "invited-" + mark).statusCode()).isEqualTo(303);
		assertThat(admin.get("/user/info?user_id=invited-" + mark, MASTER_KEY).status()).isEqualTo(404);
	}

}
