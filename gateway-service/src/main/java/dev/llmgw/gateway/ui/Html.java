package dev.llmgw.gateway.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * A page under construction. Every text and attribute value goes through {@link #escape},
 * so a key alias, a model name or metadata holding markup is shown as text and never run;
 * tag and attribute names are the code's own constants.
 */
final class Html {

	private final StringBuilder out = new StringBuilder(8192);

	/** Markup written by this package (never a value from a request or a row). */
	Html raw(String trusted) {
		this.out.append(trusted);
		return this;
	}

	Html text(@Nullable Object value) {
		if (value != null) {
			this.out.append(escape(String.valueOf(value)));
		}
		return this;
	}

	/**
	 * @param attributes name, value, name, value...; a null value leaves the attribute
	 * out
	 */
	Html open(String tag, @Nullable String... attributes) {
		this.out.append('<').append(tag);
		for (int i = 0; i + 1 < attributes.length; i += 2) {
			String value = attributes[i + 1];
			if (value == null) {
				continue;
			}
			this.out.append(' ').append(attributes[i]);
			if (!value.isEmpty() || !BOOLEAN.contains(attributes[i])) {
				this.out.append("=\"").append(escape(value)).append('"');
			}
		}
		this.out.append('>');
		return this;
	}

	Html close(String tag) {
		this.out.append("</").append(tag).append('>');
		return this;
	}

	/** An element holding only text. */
	Html el(String tag, @Nullable Object text, @Nullable String... attributes) {
		return open(tag, attributes).text(text).close(tag);
	}

	/** An element linking to a page of ours. */
	Html link(String href, @Nullable Object text, @Nullable String... attributes) {
		String[] all = new String[attributes.length + 2];
		all[0] = "href";
		all[1] = href;
		System.arraycopy(attributes, 0, all, 2, attributes.length);
		return el("a", text, all);
	}

	@Override
	public String toString() {
		return this.out.toString();
	}

	private static final java.util.Set<String> BOOLEAN = java.util.Set.of("required", "checked", "selected", "disabled",
			"readonly", "hidden", "open");

	static String escape(String value) {
		StringBuilder escaped = null;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			String replacement = switch (c) {
				case '&' -> "&amp;";
				case '<' -> "&lt;";
				case '>' -> "&gt;";
				case '"' -> "&quot;";
				case '\'' -> "&#39;";
				case '\0' -> "\uFFFD";
				default -> null;
			};
			if (replacement != null) {
				if (escaped == null) {
					escaped = new StringBuilder(value.length() + 16).append(value, 0, i);
				}
				escaped.append(replacement);
			}
			else if (escaped != null) {
				escaped.append(c);
			}
		}
		return (escaped != null) ? escaped.toString() : value;
	}

	/** A path of ours with query parameters, each encoded; null values are left out. */
	static String url(String path, @Nullable Object... parameters) {
		StringBuilder url = new StringBuilder(path);
		char separator = '?';
		for (int i = 0; i + 1 < parameters.length; i += 2) {
			Object value = parameters[i + 1];
			if (value == null || String.valueOf(value).isEmpty()) {
				continue;
			}
			url.append(separator)
				.append(encode(String.valueOf(parameters[i])))
				.append('=')
				.append(encode(String.valueOf(value)));
			separator = '&';
		}
		return url.toString();
	}

	/**
	 * Percent-encoding with spaces as {@code %20}: a request built in process (the admin
	 * calls) decodes its query without turning {@code +} into a space, as a browser's
	 * form would have it.
	 */
	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
