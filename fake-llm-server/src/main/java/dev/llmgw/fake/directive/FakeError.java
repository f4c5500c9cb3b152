package dev.llmgw.fake.directive;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A failure asked for with the {@code error} directive.
 *
 * @param kind what failed, for the provider's error body
 * @param status the HTTP status to answer with
 */
public record FakeError(ErrorKind kind, int status) {

	public static FakeError of(ErrorKind kind) {
		return new FakeError(kind, kind.defaultStatus());
	}

	/**
	 * Reads an {@code error} directive value: {@code 429}, {@code 500}, {@code 503},
	 * {@code 401}, {@code 400}, {@code context}, {@code content_policy}, or any other
	 * status from 400 to 599.
	 * @return the error, or null when the value names none
	 */
	public static @Nullable FakeError parse(String value) {
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "429" -> of(ErrorKind.RATE_LIMIT);
			case "500" -> of(ErrorKind.INTERNAL_SERVER);
			case "503" -> of(ErrorKind.OVERLOADED);
			case "401" -> of(ErrorKind.AUTHENTICATION);
			case "400" -> of(ErrorKind.BAD_REQUEST);
			case "context", "context_length_exceeded" -> of(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
			case "content_policy", "content_policy_violation" -> of(ErrorKind.CONTENT_POLICY);
			default -> other(value.trim());
		};
	}

	private static @Nullable FakeError other(String value) {
		try {
			int status = Integer.parseInt(value);
			return (status >= 400 && status <= 599) ? new FakeError(ErrorKind.OTHER, status) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
