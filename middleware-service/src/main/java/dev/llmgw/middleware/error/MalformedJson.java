package dev.llmgw.middleware.error;

import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;

/**
 * A request body that is not JSON, told in the caller's terms: where the JSON breaks and
 * what the parser expected, without Jackson's parser features ({@code Feature
 * 'ALLOW_COMMENTS' not enabled}, {@code JsonReadFeature}) or Java class names, which mean
 * nothing to a caller and tell what the middleware is built with. Worded as the gateway
 * words it (gateway-service {@code api/JsonInputErrors}), so a caller reads the same
 * message whichever service refused the body.
 */
public final class MalformedJson {

	// parser hints: "enable `JsonReadFeature.X` to allow", "(... Feature 'ALLOW_COMMENTS'
	// not enabled ...)"
	private static final Pattern FEATURE_HINT = Pattern
		.compile(":?\\s*enable `[^`]*` to allow|\\s*\\((?:[^()]|\\([^()]*\\))*Feature(?:[^()]|\\([^()]*\\))*\\)");

	private static final Pattern JAVA_NAME = Pattern.compile("\\s*\\(?(?:from )?`[^`]*`\\)?");

	private MalformedJson() {
	}

	/**
	 * @param ex the parser's refusal of a body
	 * @return Bedrock's 400 for it, which both the AWS SDKs and the OpenAI error handler
	 * render in their shapes
	 */
	public static BedrockError of(JacksonException ex) {
		return new BedrockError(400, "ValidationException", message(ex));
	}

	/**
	 * @param ex the refusal of a body that is JSON but not of the operation's shape
	 * @return Bedrock's 400 naming the field, e.g. {@code messages[0].content}
	 */
	public static BedrockError unfitting(DatabindException ex) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return new BedrockError(400, "ValidationException",
				"1 validation error detected: Value at '" + (field.isEmpty() ? "body" : field)
						+ "' failed to satisfy constraint: Member must have the documented type");
	}

	static String message(JacksonException ex) {
		TokenStreamLocation location = ex.getLocation();
		String where = (location != null && location.getLineNr() > 0)
				? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
		String said = ex.getOriginalMessage();
		String readable = (said != null)
				? JAVA_NAME.matcher(FEATURE_HINT.matcher(said).replaceAll("")).replaceAll("").strip() : "";
		return "Malformed JSON in request body" + where + (readable.isEmpty() ? "" : ": " + readable);
	}

}
