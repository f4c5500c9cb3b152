package dev.llmgw.gateway.ui;

import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session cookie holds what it was given, and nothing changed, forged or stale opens.
 */
class UiSessionTests {

	private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

	private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

	@Test
	void aSealedSessionOpensAsItWasUntilItExpires() {
		UiSession session = UiSession.start(UiSession.Kind.KEY, "hash.with.dots", "dév <b>", NOW.plusSeconds(60));
		String cookie = session.seal(KEY);
		UiSession opened = UiSession.open(cookie, KEY, NOW);
		assertThat(opened).isEqualTo(session);
		assertThat(UiSession.open(cookie, KEY, NOW.plusSeconds(60))).as("expired").isNull();
		assertThat(UiSession.open(cookie, "another key, another instance!!".getBytes(), NOW)).isNull();
	}

	@Test
	void aChangedOrMalformedCookieDoesNotOpen() {
		UiSession session = UiSession.start(UiSession.Kind.KEY, "victim-hash", "victim", NOW.plusSeconds(3600));
		String cookie = session.seal(KEY);
		String[] parts = cookie.split("\\.");
		// the admin kind put in place of the key kind, with the old signature
		parts[0] = Base64.getUrlEncoder().withoutPadding().encodeToString("ADMIN".getBytes());
		assertThat(UiSession.open(String.join(".", parts), KEY, NOW)).isNull();
		for (String bad : new String[] { "", ".", "a.b", "x".repeat(5000), cookie + "x", cookie.replace('.', ','),
				"\u0000." + cookie, cookie.substring(0, cookie.lastIndexOf('.') + 1) }) {
			assertThat(UiSession.open(bad, KEY, NOW)).as(bad.length() > 40 ? bad.substring(0, 40) : bad).isNull();
		}
		assertThat(UiSession.open(null, KEY, NOW)).isNull();
	}

	@Test
	void eachLoginGetsItsOwnCsrfTokenCheckedExactly() {
		UiSession first = UiSession.start(UiSession.Kind.ADMIN, "admin", "admin", NOW.plusSeconds(60));
		UiSession second = UiSession.start(UiSession.Kind.ADMIN, "admin", "admin", NOW.plusSeconds(60));
		assertThat(first.csrf()).isNotEqualTo(second.csrf()).hasSizeGreaterThanOrEqualTo(32);
		assertThat(first.csrfMatches(first.csrf())).isTrue();
		assertThat(first.csrfMatches(second.csrf())).isFalse();
		assertThat(first.csrfMatches(null)).isFalse();
		assertThat(first.csrfMatches("")).isFalse();
	}

	@Test
	void aLoginReturnsOnlyToOurOwnPages() {
		assertThat(UiPaths.safeNext("/ui/keys?team_id=a")).isEqualTo("/ui/keys?team_id=a");
		for (String away : new String[] { "https://evil.example/ui", "//evil.example/ui", "/ui/..//evil", "/\\evil",
				"/uiother", "/key/generate", "/ui/assets/ui.js", "/ui/keys\r\nSet-Cookie: x=1", null }) {
			assertThat(UiPaths.safeNext(away)).as(String.valueOf(away)).isEqualTo("/ui");
		}
	}

	@Test
	void textAndAttributesAreEscaped() {
		Html html = new Html().open("a", "href", "/ui?x=\"><script>", "title", null)
			.text("<img src=x onerror=alert(1)> & 'q' \u0000")
			.close("a");
		assertThat(html.toString()).isEqualTo(
				"<a href=\"/ui?x=&quot;&gt;&lt;script&gt;\">&lt;img src=x onerror=alert(1)&gt; &amp; &#39;q&#39; \uFFFD</a>");
		assertThat(Html.url("/ui/keys", "key_alias", "a b+c&d", "team_id", null))
			.isEqualTo("/ui/keys?key_alias=a%20b%2Bc%26d");
	}

}
