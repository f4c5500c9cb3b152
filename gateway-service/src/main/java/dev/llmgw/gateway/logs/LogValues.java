package dev.llmgw.gateway.logs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Makes values fit for a log line. A caller's value (model, user, path, header, id) has
 * its control characters escaped, so that it can neither start a line of its own (a
 * forged {@code ACCESS} line) nor hide one; and secrets are masked in any text, so that a
 * key sent in a query string ({@code /key/info?key=sk-...}) does not reach the log in a
 * request line or an exception message.
 */
public final class LogValues {

	/**
	 * The query parameters whose values are secrets, wherever a URI or request line is
	 * written, and virtual or provider keys themselves ({@code sk-} and at least eight
	 * more characters; the gateway's own short form {@code sk-...abcd} stays readable).
	 */
	private static final Pattern SECRETS = Pattern
		.compile("(?i)((?<![\\w-])(?:key|api_key|api-key|token|access_token|master_key|new_key)=)[^&\\s\"'<>]+"
				+ "|\\bsk-[A-Za-z0-9_\\-]{8,}");

	private LogValues() {
	}

	/**
	 * A caller's value with control characters written as escapes ({@code \n},
	 * {@code \r}, {@code \t}, {@code \\u0000} and so on, line and paragraph separators
	 * too).
	 */
	public static String escape(@Nullable Object value) {
		String text = String.valueOf(value);
		int i = 0;
		while (i < text.length() && !needsEscape(text.charAt(i))) {
			i++;
		}
		if (i == text.length()) {
			return text;
		}
		StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
		for (; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\n' -> escaped.append("\\n");
				case '\r' -> escaped.append("\\r");
				case '\t' -> escaped.append("\\t");
				default -> {
					if (needsEscape(c)) {
						escaped.append(String.format("\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

	/**
	 * Text with the values of key=, api_key=, token= and the like, and sk- keys, masked.
	 */
	public static String maskSecrets(String text) {
		if (!mayHoldSecret(text)) {
			return text;
		}
		Matcher matcher = SECRETS.matcher(text);
		if (!matcher.find()) {
			return text;
		}
		StringBuilder masked = new StringBuilder(text.length());
		do {
			String name = matcher.group(1);
			matcher.appendReplacement(masked, (name != null) ? Matcher.quoteReplacement(name) + "****" : "sk-****");
		}
		while (matcher.find());
		matcher.appendTail(masked);
		return masked.toString();
	}

	/**
	 * Whether {@link #SECRETS} could match: a name ending in {@code key} or {@code token}
	 * before an {@code =}, or {@code sk-} and eight key characters. Every log line passes
	 * here and almost none holds a secret, so a scan without the regular expression
	 * decides first (the access log's lines all hold {@code =}).
	 */
	static boolean mayHoldSecret(String text) {
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c == '=' && (text.regionMatches(true, i - 3, "key", 0, 3)
					|| text.regionMatches(true, i - 5, "token", 0, 5))) {
				return true;
			}
			if (c == '-' && text.regionMatches(true, i - 2, "sk", 0, 2) && keyCharsFollow(text, i + 1)) {
				return true;
			}
		}
		return false;
	}

	private static boolean keyCharsFollow(String text, int from) {
		if (from + 8 > text.length()) {
			return false;
		}
		for (int i = from; i < from + 8; i++) {
			char c = text.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
				return false;
			}
		}
		return true;
	}

	private static boolean needsEscape(char c) {
		return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029';
	}

}
