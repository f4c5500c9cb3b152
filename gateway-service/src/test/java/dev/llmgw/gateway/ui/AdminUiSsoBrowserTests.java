package dev.llmgw.gateway.ui;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayInstances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on in a real browser against the fake identity provider: authorization code
 * with PKCE, the ID token verified, a first sign-in made an internal user who sees only
 * their own keys, {@code PROXY_ADMIN_ID} made admin, {@code ALLOWED_EMAIL_DOMAINS}
 * keeping other domains out, and the user's session unable to call models.
 */
class AdminUiSsoBrowserTests {

	private static final String MASTER_KEY = "sk-sso-master-0123456789";

	private static final String ADMIN_ID = "00u-admin-" + UUID.randomUUID();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@TempDir
	static Path directory;

	private static ConfigurableApplicationContext gateway;

	private static String base;

	private static ChromeDriver chrome;

	private static WebDriverWait wait;

	@BeforeAll
	static void start() throws Exception {
		String fake = FakeLlmServerProcess.shared().baseUrl().replaceFirst("/v1$", "");
		Path config = directory.resolve("sso.yaml");
		Files.writeString(config, """
				model_list:
				  - model_name: chat
				    litellm_params: {model: openai/chat, api_base: "%s", api_key: k}
				environment_variables:
				  OKTA_ISSUER: "%s/oauth2/ui-sso"
				  OKTA_CLIENT_ID: gateway-ui
				  PROXY_ADMIN_ID: "%s"
				  ALLOWED_EMAIL_DOMAINS: "example.com, example.org"
				general_settings:
				  master_key: %s
				""".formatted(FakeLlmServerProcess.shared().baseUrl(), fake, ADMIN_ID, MASTER_KEY));
		gateway = GatewayInstances.startWithConfig(config, "--gateway.data-dir=" + directory.resolve("data"));
		base = GatewayInstances.baseUrl(gateway);
		chrome = Browser.start();
		wait = new WebDriverWait(chrome, Duration.ofSeconds(15));
	}

	@AfterAll
	static void stop() {
		Browser.quit(chrome);
		if (gateway != null) {
			gateway.close();
		}
	}

	@BeforeEach
	void signedOut() {
		chrome.get(base + "/login");
		chrome.manage().deleteAllCookies();
	}

	private static void providerUser(String sub, String email) throws Exception {
		String fake = FakeLlmServerProcess.shared().baseUrl().replaceFirst("/v1$", "");
		HttpResponse<String> set = HTTP.send(HttpRequest.newBuilder(URI.create(fake + "/fake/oidc/user"))
			.POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"" + sub + "\",\"email\":\"" + email + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(set.statusCode()).isEqualTo(200);
	}

	private static void signInWithSso() {
		chrome.get(base + "/login");
		chrome.findElement(By.id("sso")).click();
	}

	@Test
	void aFirstSignInMakesAnInternalUserWhoSeesOnlyTheirOwnKeysAndCannotCallModels() throws Exception {
		String sub = "00u-" + UUID.randomUUID();
		String email = "sso-" + sub.substring(4, 12) + "@example.com";
		AdminClient admin = new AdminClient(base);
		providerUser(sub, email);
		signInWithSso();
		wait.until(ExpectedConditions.urlContains("/ui/keys"));
		assertThat(chrome.findElement(By.cssSelector("header .who")).getText()).contains(email)
			.contains("internal_user_viewer");
		assertThat(admin.get("/user/info?user_id=" + sub, MASTER_KEY).text("/user_info/user_email")).isEqualTo(email);

		admin.post("/key/generate", MASTER_KEY, Map.of("user_id", sub, "key_alias", "mine-" + sub));
		admin.post("/key/generate", MASTER_KEY, Map.of("key_alias", "not-mine-" + sub));
		chrome.navigate().refresh();
		String page = chrome.findElement(By.tagName("main")).getText();
		assertThat(page).contains("mine-" + sub).doesNotContain("not-mine-" + sub);
		assertThat(chrome.findElements(By.linkText("Internal Users"))).isEmpty();

		// the session has no key, so it cannot spend: models are for keys
		Object status = chrome.executeAsyncScript(
				"""
						const done = arguments[arguments.length - 1];
						fetch('/v1/chat/completions', {method: 'POST', headers: {'Content-Type': 'application/json',
						  'X-CSRF-Token': 'x'}, body: JSON.stringify({model: 'chat', messages: [{role: 'user', content: 'hi'}]})})
						  .then((r) => done(r.status), () => done(-1));
						""");
		assertThat(((Number) status).intValue()).isIn(401, 403);
	}

	@Test
	void theConfiguredAdminSignsInAsAdmin() throws Exception {
		providerUser(ADMIN_ID, "boss@example.org");
		signInWithSso();
		wait.until(ExpectedConditions.urlContains("/ui/keys"));
		assertThat(chrome.findElement(By.cssSelector("header .who")).getText()).contains("proxy_admin");
		assertThat(chrome.findElements(By.linkText("Internal Users"))).isNotEmpty();
		chrome.get(base + "/ui/users");
		assertThat(chrome.findElements(By.cssSelector("p.error"))).isEmpty();
	}

	@Test
	void anotherEmailDomainIsKeptOut() throws Exception {
		providerUser("00u-" + UUID.randomUUID(), "someone@elsewhere.example");
		signInWithSso();
		String error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.error"))).getText();
		assertThat(error).contains("Single sign-on failed").contains("domain");
		chrome.get(base + "/ui/keys");
		assertThat(chrome.getCurrentUrl()).contains("/login");
	}

	@Test
	void anEmailAloneNeverReachesAnAdminNorALinkedUser() throws Exception {
		String mark = UUID.randomUUID().toString().substring(0, 8);
		AdminClient admin = new AdminClient(base);
		admin.post("/user/new", MASTER_KEY, Map.of("user_id", "boss-" + mark, "user_email",
				"boss-" + mark + "@example.com", "user_role", "proxy_admin"));
		providerUser("00u-impostor-" + mark, "boss-" + mark + "@example.com");
		signInWithSso();
		wait.until(ExpectedConditions.urlContains("/ui/keys"));
		assertThat(chrome.findElement(By.cssSelector("header .who")).getText()).contains("internal_user_viewer")
			.doesNotContain("proxy_admin");
		assertThat(admin.get("/user/info?user_id=boss-" + mark, MASTER_KEY).text("/user_info/user_role"))
			.isEqualTo("proxy_admin");

		// a plain user made ahead is found by a verified email, and then belongs to that
		// subject
		admin.post("/user/new", MASTER_KEY, Map.of("user_id", "pre-" + mark, "user_email",
				"pre-" + mark + "@example.com", "user_role", "internal_user", "key_alias", "pre-key-" + mark));
		chrome.manage().deleteAllCookies();
		providerUser("00u-pre-" + mark, "pre-" + mark + "@example.com");
		signInWithSso();
		wait.until(ExpectedConditions.urlContains("/ui/keys"));
		assertThat(chrome.findElement(By.tagName("main")).getText()).contains("pre-key-" + mark);
		// an internal user makes their own key here, bounded by their user, and calls
		// models with it
		chrome.get(base + "/ui/keys/new");
		chrome.findElement(By.id("f-key_alias")).sendKeys("made-in-ui-" + mark);
		chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
		String key = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key"))).getText();
		assertThat(admin.get("/key/info?key=" + key, MASTER_KEY).text("/info/user_id")).isEqualTo("pre-" + mark);
		HttpResponse<String> call = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
		chrome.manage().deleteAllCookies();
		providerUser("00u-second-" + mark, "pre-" + mark + "@example.com");
		signInWithSso();
		wait.until(ExpectedConditions.urlContains("/ui/keys"));
		assertThat(chrome.findElement(By.tagName("main")).getText()).as("taken by the first subject")
			.doesNotContain("pre-key-" + mark);
	}

	@Test
	void aSignInsStateServesOneCallback() throws Exception {
		HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		providerUser("00u-" + UUID.randomUUID(), "once@example.com");
		HttpResponse<String> start = plain.send(HttpRequest.newBuilder(URI.create(base + "/ui/sso/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(start.statusCode()).isEqualTo(303);
		String state = start.headers().allValues("Set-Cookie").get(0).split(";")[0];
		HttpResponse<String> authorize = plain.send(
				HttpRequest.newBuilder(URI.create(start.headers().firstValue("Location").orElseThrow())).build(),
				HttpResponse.BodyHandlers.ofString());
		URI callback = URI.create(authorize.headers().firstValue("Location").orElseThrow());
		HttpResponse<String> first = plain.send(HttpRequest.newBuilder(callback).header("Cookie", state).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.headers().allValues("Set-Cookie")).anyMatch((c) -> c.startsWith("llmgw_ui_session="));
		HttpResponse<String> again = plain.send(HttpRequest.newBuilder(callback).header("Cookie", state).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(again.statusCode()).isEqualTo(401);
		assertThat(again.body()).contains("expired or did not start here");
		assertThat(again.headers().allValues("Set-Cookie")).noneMatch((c) -> c.startsWith("llmgw_ui_session="));
	}

	@Test
	void aCallbackWithoutItsOwnStartIsRefused() {
		chrome.get(base + "/ui/sso/callback?code=stolen&state=guessed");
		assertThat(chrome.findElement(By.cssSelector("p.error")).getText()).contains("expired or did not start here");
		chrome.get(base + "/ui/keys");
		assertThat(chrome.getCurrentUrl()).contains("/login");
	}

}
