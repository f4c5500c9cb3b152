package dev.llmgw.gateway.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What the UI's HTTP-level tests post and read: form bodies, and values in a page. */
final class UiForm {

	static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

	static final Pattern LOGIN_TOKEN = Pattern.compile("name=\"login_token\" value=\"([^\"]+)\"");

	private UiForm() {
	}

	/** name, value, name, value... as application/x-www-form-urlencoded. */
	static String encode(String... fields) {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i + 1 < fields.length; i += 2) {
			if (body.length() > 0) {
				body.append('&');
			}
			body.append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
		}
		return body.toString();
	}

	/** The pattern's first group in the page; fails the test when it is not there. */
	static String find(Pattern pattern, String page) {
		Matcher matcher = pattern.matcher(page);
		assertThat(matcher.find()).as(pattern.pattern() + " in the page").isTrue();
		return matcher.group(1);
	}

}
