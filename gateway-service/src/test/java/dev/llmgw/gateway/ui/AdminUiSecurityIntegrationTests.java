package dev.llmgw.gateway.ui;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The UI under attack, over plain HTTP: CSRF on every form and on the API with the
 * cookie, login CSRF, forged and fixed sessions, the cookie's flags, secrets never in a
 * page, markup in every echoed field shown as text, login guessing slowed, and the
 * switches.
 */
class AdminUiSecurityIntegrationTests extends GatewayTestBase {

	@TempDir
	Path directory;

	private AdminClient admin;

	/** A signed-in browser: its session cookie and the CSRF token its pages carry. */
	record Session(String cookie, String csrf) {
	}

	@BeforeEach
	void client() {
		this.admin = new AdminClient(url(""));
	}

	private Session logIn(String base, String username, String password) {
		HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build());
		String loginCookie = cookie(form, LoginPage.LOGIN_COOKIE);
		String token = UiForm.find(UiForm.LOGIN_TOKEN, form.body());
		HttpResponse<String> done = postLogin(base, loginCookie, List.of(), "login_token", token, "username", username,
				"password", password);
		assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
		String session = cookie(done, UiSession.COOKIE);
		HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/ui/keys"))
			.header("Cookie", UiSession.COOKIE + "=" + session)
			.GET()
			.build());
		assertThat(page.statusCode()).isEqualTo(200);
		return new Session(session, UiForm.find(UiForm.CSRF, page.body()));
	}

	private Session logIn() {
		return logIn(url(""), "admin", MASTER_KEY);
	}

	private HttpResponse<String> page(Session session, String path) {
		return send(request(path).header("Cookie", UiSession.COOKIE + "=" + session.cookie()).GET().build());
	}

	private HttpResponse<String> submit(Session session, String path, String... fields) {
		return send(request(path).header("Cookie", UiSession.COOKIE + "=" + session.cookie())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(UiForm.encode(fields)))
			.build());
	}

	@Test
	void everyFormNeedsItsSessionsCsrfToken() {
		Session session = logIn();
		Session other = logIn();
		String alias = "csrf-" + UUID.randomUUID();
		assertThat(submit(session, "/ui/keys/new", "key_alias", alias).statusCode()).isEqualTo(403);
		assertThat(submit(session, "/ui/keys/new", "csrf", other.csrf(), "key_alias", alias).statusCode())
			.as("another session's token")
			.isEqualTo(403);
		assertThat(this.admin.get("/key/list?key_alias=" + alias, MASTER_KEY).text("/total_count")).isEqualTo("0");
		HttpResponse<String> made = submit(session, "/ui/keys/new", "csrf", session.csrf(), "key_alias", alias);
		assertThat(made.statusCode()).isEqualTo(200);
		assertThat(made.body()).contains("id=\"new-key\"");
		assertThat(made.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
		assertThat(this.admin.get("/key/list?key_alias=" + alias, MASTER_KEY).text("/total_count")).isEqualTo("1");
		// logout is a form too: without the token the session stays
		assertThat(submit(session, "/ui/logout").statusCode()).isEqualTo(403);
		assertThat(page(session, "/ui/keys").statusCode()).isEqualTo(200);
	}

	@Test
	void theApiTakesTheCookieOnlyWithTheCsrfHeaderAndFromThisSite() {
		Session session = logIn();
		HttpRequest.Builder generate = request("/key/generate")
			.header("Cookie", UiSession.COOKIE + "=" + session.cookie())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"));
		assertThat(send(generate.copy().build()).statusCode()).isEqualTo(403);
		assertThat(send(generate.copy().header("X-CSRF-Token", "guess").build()).statusCode()).isEqualTo(403);
		// another site (even a sibling on another port that CORS lets in) is not signed
		// in
		for (String[] foreign : new String[][] { { "Origin", "http://evil.example" },
				{ "Origin", "http://127.0.0.1:1" }, { "Sec-Fetch-Site", "same-site" },
				{ "Sec-Fetch-Site", "cross-site" } }) {
			assertThat(send(generate.copy()
				.header("X-CSRF-Token", session.csrf())
				.header(foreign[0], foreign[1])
				.header("X-Forwarded-Host", "evil.example")
				.build()).statusCode()).as(String.join(": ", foreign)).isEqualTo(401);
			assertThat(send(request("/key/list").header("Cookie", UiSession.COOKIE + "=" + session.cookie())
				.header(foreign[0], foreign[1])
				.GET()
				.build()).statusCode()).as("reading too: " + String.join(": ", foreign)).isEqualTo(401);
		}
		assertThat(send(generate.copy()
			.header("X-CSRF-Token", session.csrf())
			.header("Origin", url(""))
			.header("Sec-Fetch-Site", "same-origin")
			.build()).statusCode()).as("its own pages' scripts").isEqualTo(200);
		assertThat(send(generate.copy().header("X-CSRF-Token", session.csrf()).build()).statusCode()).isEqualTo(200);
		assertThat(send(request("/key/list").header("Cookie", UiSession.COOKIE + "=" + session.cookie()).GET().build())
			.statusCode()).as("reading needs no token").isEqualTo(200);
		// a key wins over the cookie
		assertThat(send(request("/key/list").header("Cookie", UiSession.COOKIE + "=" + session.cookie())
			.header("Authorization", "Bearer sk-not-a-key")
			.GET()
			.build()).statusCode()).isEqualTo(401);
	}

	@Test
	void theLoginFormCarriesItsOwnToken() {
		HttpResponse<String> noCookie = postLogin(url(""), null, List.of(), "login_token", "x", "username", "admin",
				"password", MASTER_KEY);
		assertThat(noCookie.statusCode()).isEqualTo(403);
		assertThat(noCookie.headers().allValues("Set-Cookie")).noneMatch((c) -> c.startsWith(UiSession.COOKIE + "="));
		HttpResponse<String> mismatch = postLogin(url(""), "a", List.of(), "login_token", "b", "username", "admin",
				"password", MASTER_KEY);
		assertThat(mismatch.statusCode()).isEqualTo(403);
		// a token of the attacker's choosing, planted in the cookie too, is not one we
		// issued
		HttpResponse<String> planted = postLogin(url(""), "chosen", List.of(), "login_token", "chosen", "username",
				"admin", "password", MASTER_KEY);
		assertThat(planted.statusCode()).isEqualTo(403);
		// nor is a login posted from another site
		HttpResponse<String> form = send(request("/login").GET().build());
		HttpResponse<String> crossSite = postLogin(url(""), cookie(form, LoginPage.LOGIN_COOKIE),
				List.of("Origin", "http://evil.example"), "login_token", UiForm.find(UiForm.LOGIN_TOKEN, form.body()),
				"username", "admin", "password", MASTER_KEY);
		assertThat(crossSite.statusCode()).isEqualTo(403);
	}

	@Test
	void aKeyLimitedToModelCallsIsToldItCannotUseTheUi() {
		String key = this.admin.post("/key/generate", MASTER_KEY, Map.of("key_type", "llm_api")).text("/key");
		HttpResponse<String> form = send(request("/login").GET().build());
		HttpResponse<String> refused = postLogin(url(""), cookie(form, LoginPage.LOGIN_COOKIE), List.of(),
				"login_token", UiForm.find(UiForm.LOGIN_TOKEN, form.body()), "username", "", "password", key);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("leaves out the admin UI");
		assertThat(refused.headers().allValues("Set-Cookie")).noneMatch((c) -> c.startsWith(UiSession.COOKIE + "="));
	}

	@Test
	void logoutEndsTheSessionEvenForACopiedCookie() {
		Session session = logIn();
		HttpResponse<String> out = submit(session, "/ui/logout", "csrf", session.csrf());
		assertThat(out.statusCode()).isEqualTo(303);
		HttpResponse<String> replayed = page(session, "/ui/keys");
		assertThat(replayed.statusCode()).isEqualTo(303);
		assertThat(replayed.headers().firstValue("Location").orElse("")).startsWith("/login");
		assertThat(send(request("/key/list").header("Cookie", UiSession.COOKIE + "=" + session.cookie()).GET().build())
			.statusCode()).isEqualTo(401);
	}

	@Test
	void oddInputGetsAClearAnswerNeverA500() {
		Session session = logIn();
		HttpResponse<String> huge = submit(session, "/ui/keys/new", "csrf", session.csrf(), "key_alias",
				"x".repeat(400_000));
		assertThat(huge.statusCode()).isEqualTo(413);
		HttpResponse<String> badEscape = send(
				request("/ui/keys/new").header("Cookie", UiSession.COOKIE + "=" + session.cookie())
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("csrf=" + session.csrf() + "&key_alias=a%"))
					.build());
		assertThat(badEscape.statusCode()).isEqualTo(400);
		for (String next : List.of("/ui/a b", "/ui/<x>", "/ui/%zz", "/ui/\"x\"")) {
			assertThat(UiPaths.safeNext(next)).as(next).isEqualTo("/ui");
		}
		assertThat(UiPaths.safeNext("/ui/keys?key_alias=a%20b&page=2")).isEqualTo("/ui/keys?key_alias=a%20b&page=2");
		assertThat(page(session, "/ui/logs?before=not-a-time").statusCode()).isEqualTo(400);
		for (String odd : List.of("%2B999999999-12-31", "-999999999-01-01", "0000-01-01")) {
			assertThat(page(session, "/ui/usage?end_date=" + odd).statusCode()).as(odd).isEqualTo(200);
		}
		assertThat(page(session, "/ui/keys/view?token=%00").statusCode()).isIn(400, 404);
	}

	@Test
	void sessionsCannotBeForgedOrFixedAndTheCookieIsLockedDown() {
		// over TLS (as the load balancer says) the cookies carry the __Host- prefix
		String host = UiResponses.HOST_PREFIX;
		HttpResponse<String> form = send(request("/login").header("X-Forwarded-Proto", "https").GET().build());
		String loginCookie = cookie(form, host + LoginPage.LOGIN_COOKIE);
		HttpResponse<String> done = send(
				request("/login")
					.header("Cookie",
							host + LoginPage.LOGIN_COOKIE + "=" + loginCookie + "; " + host + UiSession.COOKIE
									+ "=planted")
					.header("Content-Type", "application/x-www-form-urlencoded")
					.header("X-Forwarded-Proto", "https")
					.POST(HttpRequest.BodyPublishers
						.ofString(UiForm.encode("login_token", UiForm.find(UiForm.LOGIN_TOKEN, form.body()), "username",
								"admin", "password", MASTER_KEY, "next", "//evil.example/ui")))
					.build());
		assertThat(done.statusCode()).isEqualTo(303);
		assertThat(done.headers().firstValue("Location")).hasValue("/ui");
		String header = done.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((c) -> c.startsWith(host + UiSession.COOKIE + "="))
			.findFirst()
			.orElseThrow();
		assertThat(header.toLowerCase(java.util.Locale.ROOT)).contains("httponly", "samesite=strict", "secure",
				"path=/", "max-age=28800");
		assertThat(header.toLowerCase(java.util.Locale.ROOT)).doesNotContain("domain=");
		String fresh = cookie(done, host + UiSession.COOKIE);
		assertThat(fresh).isNotEqualTo("planted");
		// over TLS only the prefixed cookie counts: one without it may have been planted
		// by a sibling site
		assertThat(send(request("/ui/keys").header("X-Forwarded-Proto", "https")
			.header("Cookie", host + UiSession.COOKIE + "=" + fresh)
			.GET()
			.build()).statusCode()).isEqualTo(200);
		assertThat(send(request("/ui/keys").header("X-Forwarded-Proto", "https")
			.header("Cookie", UiSession.COOKIE + "=" + fresh)
			.GET()
			.build()).statusCode()).isEqualTo(303);

		String[] parts = fresh.split("\\.");
		// a later expiry under the old signature
		parts[3] = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("9999999999".getBytes());
		for (String forged : List.of("planted", fresh.substring(0, fresh.length() - 2) + "AA",
				String.join(".", parts))) {
			HttpResponse<String> refused = send(
					request("/ui/keys").header("Cookie", UiSession.COOKIE + "=" + forged).GET().build());
			assertThat(refused.statusCode()).as(forged).isEqualTo(303);
			assertThat(refused.headers().firstValue("Location").orElse("")).startsWith("/login?next=");
			assertThat(send(request("/key/list").header("Cookie", UiSession.COOKIE + "=" + forged).GET().build())
				.statusCode()).isEqualTo(401);
		}
	}

	@Test
	void aKeysSessionEndsWhenTheKeyIsBlockedAndCannotReachAdminPages() {
		String key = this.admin.post("/key/generate", MASTER_KEY, Map.of("key_alias", "own-" + UUID.randomUUID()))
			.text("/key");
		Session session = logIn(url(""), "", key);
		assertThat(page(session, "/ui/users").statusCode()).isIn(401, 403);
		assertThat(page(session, "/ui/settings").statusCode()).isIn(401, 403);
		assertThat(page(session, "/ui/keys").body()).doesNotContain(key);
		this.admin.post("/key/block", MASTER_KEY, Map.of("key", key));
		HttpResponse<String> after = page(session, "/ui/keys");
		assertThat(after.statusCode()).isEqualTo(303);
		assertThat(after.headers().firstValue("Location").orElse("")).startsWith("/login");
	}

	@Test
	void noSecretAppearsInAnyPage() {
		String virtualKey = this.admin.post("/key/generate", MASTER_KEY, Map.of()).text("/key");
		Session session = logIn();
		for (String path : List.of("/ui/keys", "/ui/playground", "/ui/models", "/ui/usage", "/ui/teams", "/ui/users",
				"/ui/logs", "/ui/settings", "/login")) {
			HttpResponse<String> page = page(session, path);
			assertThat(page.statusCode()).as(path).isEqualTo(200);
			assertThat(page.body()).as(path)
				.doesNotContain(MASTER_KEY)
				.doesNotContain(virtualKey)
				.doesNotContain("fake-key");
			assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).as(path)
				.contains("script-src 'self'")
				.contains("frame-ancestors 'none'");
			assertThat(page.headers().firstValue("Cache-Control").orElse("")).as(path).contains("no-store");
		}
	}

	@Test
	void storedModelsShowNeitherTheirKeysNorTheirMarkup() throws Exception {
		Path config = this.directory.resolve("models.yaml");
		Files.writeString(config, """
				model_list:
				  - model_name: chat
				    litellm_params: {model: openai/chat, api_base: "%s", api_key: config-secret-key}
				environment_variables:
				  STORE_MODEL_IN_DB: 'True'
				general_settings:
				  master_key: %s
				""".formatted(FakeLlmServerProcess.shared().baseUrl(), MASTER_KEY));
		ConfigurableApplicationContext models = GatewayInstances.startWithConfig(config,
				"--gateway.data-dir=" + this.directory.resolve("models"));
		try {
			String base = GatewayInstances.baseUrl(models);
			AdminClient api = new AdminClient(base);
			String providerKey = "sk-provider-secret-" + UUID.randomUUID();
			AdminClient.Reply model = api.post("/model/new", MASTER_KEY,
					Map.of("model_name", "<b>bold-model</b>", "litellm_params", Map.of("model", "openai/x", "api_key",
							providerKey, "api_base", FakeLlmServerProcess.shared().baseUrl())));
			assertThat(model.status()).as(model.body()).isEqualTo(200);
			Session session = logIn(base, "admin", MASTER_KEY);
			for (String path : List.of("/ui/models", "/ui/models/view?id=" + model.text("/model_info/id"),
					"/ui/playground", "/ui/settings")) {
				HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + path))
					.header("Cookie", UiSession.COOKIE + "=" + session.cookie())
					.GET()
					.build());
				assertThat(page.statusCode()).as(path).isEqualTo(200);
				assertThat(page.body()).as(path)
					.doesNotContain(providerKey)
					.doesNotContain("config-secret-key")
					.doesNotContain("<b>bold-model");
			}
			assertThat(send(HttpRequest.newBuilder(URI.create(base + "/ui/models"))
				.header("Cookie", UiSession.COOKIE + "=" + session.cookie())
				.GET()
				.build()).body()).contains("&lt;b&gt;bold-model&lt;/b&gt;");
		}
		finally {
			models.close();
		}
	}

	@Test
	void markupInEveryEchoedFieldIsShownAsText() {
		String mark = UUID.randomUUID().toString().substring(0, 8);
		String alias = "<script>alert('k" + mark + "')</script>";
		String team = "<img src=x onerror=alert('t" + mark + "')>";
		String email = "\"><svg onload=alert('u" + mark + "')>@x.example";
		String teamId = this.admin.post("/team/new", MASTER_KEY, Map.of("team_alias", team)).text("/team_id");
		String key = this.admin.post("/key/generate", MASTER_KEY, Map.of("key_alias", alias, "team_id", teamId,
				"metadata", Map.of("note", "</pre><script>alert('m" + mark + "')</script>")))
			.text("/key");
		String token = this.admin.get("/key/info?key=" + key, MASTER_KEY).text("/info/key_name");
		this.admin.post("/user/new", MASTER_KEY, Map.of("user_email", email));
		Session session = logIn();
		String keys = page(session, "/ui/keys").body();
		String hash = this.admin
			.get("/key/list?key_alias=" + URLEncoder.encode(alias, StandardCharsets.UTF_8) + "&return_full_object=true",
					MASTER_KEY)
			.text("/keys/0/token");
		List<String> pages = List.of(keys, page(session, "/ui/keys/view?token=" + hash).body(),
				page(session, "/ui/teams").body(), page(session, "/ui/teams/view?team_id=" + teamId).body(),
				page(session, "/ui/users?user_email=" + URLEncoder.encode(mark, StandardCharsets.UTF_8)).body(),
				page(session, "/ui/users").body(), page(session, "/ui/models").body(),
				page(session, "/ui/playground").body());
		String all = String.join("\n", pages);
		assertThat(all).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<svg onload");
		assertThat(keys).contains("&lt;script&gt;alert(&#39;k" + mark);
		assertThat(all).contains("&lt;img src=x onerror=alert(&#39;t" + mark);
		assertThat(all).contains("&quot;&gt;&lt;svg onload=alert(&#39;u" + mark);
		assertThat(token).isNotBlank();
		// a filter's value comes back into the page as text too
		assertThat(page(session, "/ui/keys?key_alias=%22%3E%3Cscript%3Ex%3C/script%3E").body())
			.contains("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\"");
	}

	@Test
	void loginGuessingIsSlowedPerClient() {
		String attacker = "203.0.113." + (1 + (int) (Math.random() * 200));
		HttpResponse<String> form = send(request("/login").GET().build());
		String loginCookie = cookie(form, LoginPage.LOGIN_COOKIE);
		String token = UiForm.find(UiForm.LOGIN_TOKEN, form.body());
		int last = 0;
		for (int i = 0; i < 11; i++) {
			last = postLogin(url(""), loginCookie, List.of("X-Forwarded-For", "198.51.100.7, " + attacker),
					"login_token", token, "username", "admin", "password", "guess" + i)
				.statusCode();
		}
		assertThat(last).isEqualTo(429);
		HttpResponse<String> right = postLogin(url(""), loginCookie, List.of("X-Forwarded-For", attacker),
				"login_token", token, "username", "admin", "password", MASTER_KEY);
		assertThat(right.statusCode()).as("even the right password waits").isEqualTo(429);
		assertThat(logIn().cookie()).as("other clients are not locked out").isNotBlank();
	}

	@Test
	void uiUsernameAndPasswordReplaceTheMasterKeyAndTheSwitchTurnsTheUiOff() throws Exception {
		Path config = this.directory.resolve("ui.yaml");
		Files.writeString(config, """
				model_list:
				  - model_name: chat
				    litellm_params: {model: openai/chat, api_base: "%s", api_key: k}
				environment_variables:
				  UI_USERNAME: operator
				  UI_PASSWORD: correct horse battery staple
				general_settings:
				  master_key: %s
				""".formatted(FakeLlmServerProcess.shared().baseUrl(), MASTER_KEY));
		ConfigurableApplicationContext custom = GatewayInstances.startWithConfig(config,
				"--gateway.data-dir=" + this.directory.resolve("custom"));
		try {
			String base = GatewayInstances.baseUrl(custom);
			assertThat(logIn(base, "operator", "correct horse battery staple").cookie()).isNotBlank();
			HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build());
			HttpResponse<String> masterKey = postLogin(base, cookie(form, LoginPage.LOGIN_COOKIE), List.of(),
					"login_token", UiForm.find(UiForm.LOGIN_TOKEN, form.body()), "username", "admin", "password",
					MASTER_KEY);
			assertThat(masterKey.statusCode()).as("UI_PASSWORD replaces the master key").isEqualTo(401);
		}
		finally {
			custom.close();
		}
		Path off = this.directory.resolve("off.yaml");
		Files.writeString(off, Files.readString(config).replace("UI_USERNAME: operator", "DISABLE_ADMIN_UI: \"true\""));
		ConfigurableApplicationContext disabled = GatewayInstances.startWithConfig(off,
				"--gateway.data-dir=" + this.directory.resolve("off"));
		try {
			String base = GatewayInstances.baseUrl(disabled);
			for (String path : List.of("/login", "/ui/keys", "/ui/assets/ui.css")) {
				HttpResponse<String> withKey = send(HttpRequest.newBuilder(URI.create(base + path))
					.header("Authorization", "Bearer " + MASTER_KEY)
					.GET()
					.build());
				assertThat(withKey.statusCode()).as(path).isEqualTo(404);
			}
			assertThat(send(HttpRequest.newBuilder(URI.create(base + "/ui/keys")).GET().build()).statusCode())
				.as("not a login page either")
				.isEqualTo(401);
		}
		finally {
			disabled.close();
		}
	}

	/**
	 * A login form posted to {@code base}, with the login cookie when given and the extra
	 * headers (name, value, ...).
	 */
	private static HttpResponse<String> postLogin(String base, @org.jspecify.annotations.Nullable String loginCookie,
			List<String> headers, String... fields) {
		HttpRequest.Builder login = HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(UiForm.encode(fields)));
		if (loginCookie != null) {
			login.header("Cookie", LoginPage.LOGIN_COOKIE + "=" + loginCookie);
		}
		for (int i = 0; i + 1 < headers.size(); i += 2) {
			login.header(headers.get(i), headers.get(i + 1));
		}
		return send(login.build());
	}

	private static String cookie(HttpResponse<?> response, String name) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((c) -> c.startsWith(name + "="))
			.map((c) -> c.substring(name.length() + 1, c.indexOf(';') > 0 ? c.indexOf(';') : c.length()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers().map()));
	}

}
