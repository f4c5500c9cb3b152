package dev.llmgw.fake.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Model names taken from a request path. Gemini, Bedrock and Azure OpenAI put the model
 * (or deployment) in the path, where clients percent-encode the {@code ;}, {@code =} and
 * {@code :} of directive segments, ARNs and inference-profile ids.
 */
public final class PathSegments {

	private PathSegments() {
	}

	/**
	 * Percent-decodes a path segment. Unlike a form field, a {@code +} in a path is
	 * itself, so it is kept; a malformed escape leaves the segment as it was.
	 */
	public static String decode(String segment) {
		if (segment.indexOf('%') < 0) {
			return segment;
		}
		try {
			return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return segment;
		}
	}

	/**
	 * The decoded segment between {@code prefix} and the next {@code end} character, or
	 * null when the path does not start with {@code prefix} or the segment is empty.
	 * @param fromEnd whether to look for {@code end} from the end of the path, for
	 * Gemini's {@code models/{model}:action} where only the last colon separates the
	 * action
	 */
	public static @Nullable String between(String path, String prefix, char end, boolean fromEnd) {
		if (!path.startsWith(prefix)) {
			return null;
		}
		int start = prefix.length();
		int stop = fromEnd ? path.lastIndexOf(end) : path.indexOf(end, start);
		return (stop > start) ? decode(path.substring(start, stop)) : null;
	}

}
