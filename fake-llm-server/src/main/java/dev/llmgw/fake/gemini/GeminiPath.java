package dev.llmgw.fake.gemini;

import dev.llmgw.fake.http.PathSegments;
import org.jspecify.annotations.Nullable;

/**
 * A Gemini method path, {@code /v1beta/models/{model}:{method}}. The model comes
 * percent-decoded, so directive segments may be sent encoded or not; the method follows
 * the last colon, since a directive value may hold colons of its own.
 *
 * @param model the model, directive segments included
 * @param method the method, e.g. {@code generateContent}
 */
record GeminiPath(String model, String method) {

	private static final String MODELS = "/models/";

	static @Nullable GeminiPath parse(String path) {
		int start = path.indexOf(MODELS);
		int colon = path.lastIndexOf(':');
		if (start < 0 || colon <= start + MODELS.length()) {
			return null;
		}
		return new GeminiPath(PathSegments.decode(path.substring(start + MODELS.length(), colon)),
				path.substring(colon + 1));
	}

	static boolean matches(String path, String... methods) {
		GeminiPath parsed = parse(path);
		if (parsed == null) {
			return false;
		}
		for (String method : methods) {
			if (method.equals(parsed.method())) {
				return true;
			}
		}
		return false;
	}

}
