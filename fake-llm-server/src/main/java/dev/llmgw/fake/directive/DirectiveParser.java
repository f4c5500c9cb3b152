package dev.llmgw.fake.directive;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * Reads directives from {@code x-fake-<name>} headers and from {@code ;name=value}
 * segments after the model's base name. Names may use dashes or underscores in either
 * place; a header wins over the model name; unknown names and unreadable values are
 * ignored.
 */
public final class DirectiveParser {

	private static final String HEADER_PREFIX = "x-fake-";

	private DirectiveParser() {
	}

	/**
	 * The model name without its directive segments, as a provider would echo it back.
	 */
	public static String baseModel(String model) {
		int semicolon = model.indexOf(';');
		return (semicolon < 0) ? model : model.substring(0, semicolon);
	}

	public static Directives parse(HttpHeaders headers, @Nullable String model) {
		Map<String, String> values = null;
		if (model != null && model.indexOf(';') >= 0) {
			values = new HashMap<>();
			addModelSegments(model, values);
		}
		Iterator<Map.Entry<CharSequence, CharSequence>> entries = headers.iteratorCharSequence();
		while (entries.hasNext()) {
			Map.Entry<CharSequence, CharSequence> entry = entries.next();
			CharSequence name = entry.getKey();
			if (name.length() > HEADER_PREFIX.length() && startsWithPrefix(name)) {
				values = (values != null) ? values : new HashMap<>();
				values.put(canonical(name.subSequence(HEADER_PREFIX.length(), name.length())),
						entry.getValue().toString());
			}
		}
		return (values != null) ? DirectiveValues.toDirectives(values) : Directives.NONE;
	}

	private static void addModelSegments(String model, Map<String, String> values) {
		for (String segment : model.substring(model.indexOf(';') + 1).split(";")) {
			int equals = segment.indexOf('=');
			String name = (equals < 0) ? segment : segment.substring(0, equals);
			String value = (equals < 0) ? "" : segment.substring(equals + 1);
			if (!name.isBlank()) {
				values.put(canonical(name.trim()), value);
			}
		}
	}

	private static boolean startsWithPrefix(CharSequence name) {
		for (int i = 0; i < HEADER_PREFIX.length(); i++) {
			if (Character.toLowerCase(name.charAt(i)) != HEADER_PREFIX.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private static String canonical(CharSequence name) {
		return name.toString().toLowerCase(Locale.ROOT).replace('-', '_');
	}

}
