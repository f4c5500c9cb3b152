package dev.llmgw.gateway.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium from the system's packages (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs), driven without Selenium
 * Manager, which would try to download a browser.
 */
final class Browser {

	private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
			"/usr/bin/google-chrome");

	private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

	private Browser() {
	}

	static ChromeDriver start() {
		return start(true);
	}

	/**
	 * @param javaScript false for a browser that runs no script at all
	 */
	static ChromeDriver start(boolean javaScript) {
		String browser = first(BROWSERS, "CHROME_BINARY");
		String driver = first(DRIVERS, "CHROMEDRIVER");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(browser);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1280,900", "--no-first-run", "--disable-extensions");
		if (!javaScript) {
			options.setExperimentalOption("prefs",
					java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
		}
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
			.usingAnyFreePort()
			.withTimeout(Duration.ofSeconds(30))
			.build();
		ChromeDriver chrome = new ChromeDriver(service, options);
		chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
		return chrome;
	}

	static void quit(WebDriver driver) {
		if (driver != null) {
			driver.quit();
		}
	}

	private static String first(List<String> candidates, String variable) {
		String configured = System.getenv(variable);
		if (configured != null && Files.isExecutable(Path.of(configured))) {
			return configured;
		}
		for (String candidate : candidates) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		throw new IllegalStateException("The browser tests need Chromium and its driver (apt-get install chromium"
				+ " chromium-driver), or " + variable + " set; none of " + candidates + " is there");
	}

}
