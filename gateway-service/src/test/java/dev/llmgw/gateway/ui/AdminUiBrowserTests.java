package dev.llmgw.gateway.ui;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.Eventually;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin UI in a real headless Chromium: logging in each way, a key created through
 * the form and used for a call, that call in Logs and Usage, the key blocked, the
 * playground streaming an answer, and a key's owner seeing only what is theirs. With
 * {@code -Dui.screenshots=DIR} it also saves the pages the README shows.
 */
class AdminUiBrowserTests extends GatewayTestBase {

	private static ChromeDriver chrome;

	private static WebDriverWait wait;

	private AdminClient admin;

	@BeforeAll
	static void startBrowser() {
		chrome = Browser.start();
		wait = new WebDriverWait(chrome, Duration.ofSeconds(15));
	}

	@AfterAll
	static void stopBrowser() {
		Browser.quit(chrome);
	}

	@BeforeEach
	void signedOut() {
		this.admin = new AdminClient(url(""));
		chrome.get(url("/login"));
		chrome.manage().deleteAllCookies();
	}

	private void logIn(String username, String password) {
		chrome.get(url("/login"));
		chrome.findElement(By.id("username")).sendKeys(username);
		chrome.findElement(By.id("password")).sendKeys(password);
		chrome.findElement(By.cssSelector("form button[type=submit]")).click();
	}

	@Test
	void theAdminCreatesAKeyThroughTheFormUsesItSeesTheCallAndBlocksTheKey() {
		logIn("admin", MASTER_KEY);
		wait.until(ExpectedConditions.urlContains("/ui/keys"));
		assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Virtual Keys");
		assertThat(chrome.findElement(By.cssSelector("header .who")).getText()).contains("proxy_admin");

		String alias = "ui <b>bold</b> " + UUID.randomUUID().toString().substring(0, 8);
		chrome.findElement(By.linkText("Create a key")).click();
		chrome.findElement(By.id("f-key_alias")).sendKeys(alias);
		chrome.findElement(By.id("f-models")).sendKeys("gpt-4o-mini");
		chrome.findElement(By.id("f-max_budget")).sendKeys("5");
		chrome.findElement(By.id("f-metadata")).sendKeys("{\"owner\": \"<script>alert(1)</script>\"}");
		chrome.findElement(By.cssSelector("main form button[type=submit]")).click();
		String key = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key"))).getText();
		assertThat(key).startsWith("sk-");

		HttpResponse<String> call = send(request("/v1/chat/completions").header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(chat("gpt-4o-mini", "hello from the UI test")))
			.build());
		assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
		String requestId = call.headers().firstValue("x-litellm-call-id").orElseThrow();

		// the alias is shown as text, never as markup
		chrome.get(url(
				"/ui/keys?key_alias=" + java.net.URLEncoder.encode(alias, java.nio.charset.StandardCharsets.UTF_8)));
		WebElement link = chrome.findElement(By.linkText(alias));
		assertThat(chrome.findElements(By.cssSelector("table b"))).isEmpty();

		// Logs: the call appears once the spend writer stored it
		Eventually.within(Duration.ofSeconds(15), () -> {
			chrome.get(url("/ui/logs?request_id=" + requestId));
			return !chrome.findElements(By.linkText(requestId)).isEmpty();
		});
		chrome.findElement(By.linkText(requestId)).click();
		assertThat(chrome.findElement(By.tagName("main")).getText()).contains("gpt-4o-mini").contains(requestId);

		// Usage: the key's line, under its alias
		Eventually.within(Duration.ofSeconds(15), () -> {
			chrome.get(url("/ui/usage"));
			return chrome.findElement(By.tagName("main")).getText().contains(alias);
		});
		assertThat(chrome.findElements(By.cssSelector("svg.chart rect"))).hasSize(7);
		assertThat(chrome.findElement(By.cssSelector("p.ranges strong")).getText()).isEqualTo("Last 7 days");
		chrome.findElement(By.linkText("Last 30 days")).click();
		assertThat(chrome.findElements(By.cssSelector("svg.chart rect"))).hasSize(30);
		assertThat(chrome.findElement(By.tagName("main")).getText()).contains(alias);

		// block it from its page; the confirmation is accepted
		chrome.get(url(
				"/ui/keys?key_alias=" + java.net.URLEncoder.encode(alias, java.nio.charset.StandardCharsets.UTF_8)));
		chrome.findElement(By.linkText(alias)).click();
		chrome.findElement(By.xpath("//button[text()='Block']")).click();
		wait.until(ExpectedConditions.alertIsPresent()).accept();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//button[text()='Unblock']")));
		assertThat(chrome.findElement(By.cssSelector("dl.facts")).getText()).contains("blocked");
		assertThat(link).isNotNull();
		HttpResponse<String> refused = send(request("/v1/chat/completions").header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(chat("gpt-4o-mini", "blocked?")))
			.build());
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(chrome.getPageSource()).doesNotContain(MASTER_KEY);
	}

	@Test
	void thePlaygroundStreamsTheAnswerChunkByChunkAndShowsTokensCostAndLatency() throws InterruptedException {
		logIn("admin", MASTER_KEY);
		wait.until(ExpectedConditions.urlContains("/ui/keys"));
		chrome.get(url("/ui/playground"));
		new Select(chrome.findElement(By.id("pg-model"))).selectByValue("slow-stream");
		chrome.findElement(By.id("pg-send")).click();
		// a part of the answer shows before the stream ends (four chunks, 150 ms apart)
		List<String> seen = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (!"done".equals(chrome.findElement(By.tagName("body")).getDomAttribute("data-playground"))
				&& System.nanoTime() < deadline) {
			seen.add(chrome.findElement(By.id("pg-answer")).getText());
			Thread.sleep(20);
		}
		String answer = chrome.findElement(By.id("pg-answer")).getText();
		assertThat(answer).isNotBlank().doesNotStartWith("Error");
		assertThat(seen).as("partial answers while streaming")
			.anyMatch((text) -> !text.isEmpty() && !text.equals(answer));
		assertThat(chrome.findElement(By.id("pg-tokens")).getText()).contains("in all");
		assertThat(chrome.findElement(By.id("pg-latency")).getText()).contains("ms");

		new Select(chrome.findElement(By.id("pg-model"))).selectByValue("gpt-4o-mini");
		chrome.findElement(By.id("pg-send")).click();
		wait.until((driver) -> chrome.findElement(By.id("pg-cost")).getText().startsWith("$"));
		screenshot("playground");
	}

	@Test
	void aKeysOwnerLogsInWithTheKeyAndSeesOnlyTheirOwnKeys() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String ownKey = this.admin
			.post("/user/new", MASTER_KEY,
					java.util.Map.of("user_id", "ui-owner-" + suffix, "key_alias", "owner-first-" + suffix))
			.text("/key");
		this.admin.post("/key/generate", MASTER_KEY,
				java.util.Map.of("user_id", "ui-owner-" + suffix, "key_alias", "owner-second-" + suffix));
		this.admin.post("/user/new", MASTER_KEY,
				java.util.Map.of("user_id", "ui-other-" + suffix, "key_alias", "other-" + suffix));

		logIn("", ownKey);
		wait.until(ExpectedConditions.urlContains("/ui/keys"));
		String page = chrome.findElement(By.tagName("main")).getText();
		assertThat(page).contains("owner-first-" + suffix, "owner-second-" + suffix).doesNotContain("other-" + suffix);
		assertThat(chrome.findElements(By.linkText("Internal Users"))).as("no admin pages in the menu").isEmpty();
		chrome.get(url("/ui/users"));
		assertThat(chrome.findElement(By.cssSelector("p.error")).getText()).isNotBlank();
		assertThat(chrome.getPageSource()).doesNotContain(ownKey);
	}

	@Test
	void aWrongPasswordIsRefusedAndLogoutEndsTheSession() {
		logIn("admin", "not-the-password");
		assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.error"))).getText())
			.contains("Invalid username or password");
		chrome.get(url("/ui/keys"));
		assertThat(chrome.getCurrentUrl()).contains("/login?next=%2Fui%2Fkeys");

		logIn("admin", MASTER_KEY);
		wait.until(ExpectedConditions.urlContains("/ui/keys"));
		screenshot("keys");
		for (String page : List.of("models", "usage", "teams", "users", "logs", "settings")) {
			chrome.get(url("/ui/" + page));
			assertThat(chrome.findElements(By.cssSelector("p.error"))).as(page).isEmpty();
			screenshot(page);
		}
		chrome.findElement(By.xpath("//button[text()='Log out']")).click();
		wait.until(ExpectedConditions.urlContains("/login"));
		chrome.get(url("/ui/keys"));
		assertThat(chrome.getCurrentUrl()).contains("/login");
	}

	@Test
	void withoutJavaScriptThePagesReadAndTheFormsWork() {
		ChromeDriver plain = Browser.start(false);
		try {
			plain.get(url("/login"));
			plain.findElement(By.id("username")).sendKeys("admin");
			plain.findElement(By.id("password")).sendKeys(MASTER_KEY);
			plain.findElement(By.cssSelector("form button[type=submit]")).click();
			new WebDriverWait(plain, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/ui/keys"));
			for (String page : List.of("keys", "models", "usage", "teams", "users", "logs", "settings")) {
				plain.get(url("/ui/" + page));
				assertThat(plain.findElements(By.cssSelector("p.error"))).as(page).isEmpty();
				assertThat(plain.findElement(By.tagName("h1")).getText()).as(page).isNotBlank();
			}
			String alias = "no-js-" + UUID.randomUUID().toString().substring(0, 8);
			plain.get(url("/ui/keys/new"));
			plain.findElement(By.id("f-key_alias")).sendKeys(alias);
			plain.findElement(By.cssSelector("main form button[type=submit]")).click();
			assertThat(new WebDriverWait(plain, Duration.ofSeconds(15))
				.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key")))
				.getText()).startsWith("sk-");
			// the playground's noscript notice shows only when scripts really are off
			plain.get(url("/ui/playground"));
			assertThat(plain.findElement(By.tagName("main")).getText()).contains("enable JavaScript");
		}
		finally {
			Browser.quit(plain);
		}
	}

	@Test
	void everyPageLabelsItsFieldsAndFitsAPhone() {
		logIn("admin", MASTER_KEY);
		wait.until(ExpectedConditions.urlContains("/ui/keys"));
		try {
			chrome.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
			for (String page : List.of("keys", "keys/new", "playground", "models", "usage", "teams", "users", "logs",
					"settings")) {
				chrome.get(url("/ui/" + page));
				Object unlabelled = chrome
					.executeScript("return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
							+ ".filter((field) => !field.labels || field.labels.length === 0).map((field) => field.name);");
				assertThat((List<?>) unlabelled).as(page + ": fields without a label").isEmpty();
				Object overflow = chrome.executeScript(
						"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
				assertThat(((Number) overflow).intValue()).as(page + ": wider than a phone (tables scroll inside)")
					.isLessThanOrEqualTo(0);
				// the keyboard reaches the skip link first
				chrome.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.TAB);
				assertThat(chrome.switchTo().activeElement().getText()).as(page).isEqualTo("Skip to content");
			}
			screenshot("phone-keys");
		}
		finally {
			chrome.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
		}
	}

	/**
	 * Saves the page when {@code -Dui.screenshots=DIR} asks for it (for docs/ and the
	 * README).
	 */
	private static void screenshot(String name) {
		String directory = System.getProperty("ui.screenshots");
		if (directory == null) {
			return;
		}
		try {
			Path target = Path.of(directory, "ui-" + name + ".png");
			Files.createDirectories(target.getParent());
			Files.write(target, chrome.getScreenshotAs(OutputType.BYTES));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
