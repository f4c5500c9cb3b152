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
	 * Reads an {@code error} directive value: a status with a kind ({@code 429},
	 * {@code 500}, {@code 503}, {@code 401}, {@code 403}, {@code 404}, {@code 408},
	 * {@code 400}), a kind's name ({@code rate_limit}, {@code server_error},
	 * {@code overloaded}, {@code auth}, {@code permission}, {@code not_found},
	 * {@code timeout}, {@code bad_request}, {@code context}, {@code content_policy}), or
	 * any other status from 400 to 599.
	 * @return the error, or null when the value names none
	 */
	public static @Nullable FakeError parse(String value) {
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "429", "rate_limit" -> of(ErrorKind.RATE_LIMIT);
			case "500", "server_error", "internal" -> of(ErrorKind.INTERNAL_SERVER);
			case "503", "overloaded", "unavailable" -> of(ErrorKind.OVERLOADED);
			case "401", "auth", "authentication" -> of(ErrorKind.AUTHENTICATION);
			case "403", "permission" -> of(ErrorKind.PERMISSION);
			case "404", "not_found" -> of(ErrorKind.NOT_FOUND);
			case "408", "timeout" -> of(ErrorKind.TIMEOUT);
			case "400", "bad_request" -> of(ErrorKind.BAD_REQUEST);
			case "context", "context_length_exceeded", "context_window_exceeded" ->
				of(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
			case "content_policy", "content_policy_violation" -> of(ErrorKind.CONTENT_POLICY);
			default -> other(value.trim());
		};
	}

	/**
	 * The {@code Retry-After} to send with this error: the {@code retry_after} directive
	 * when given, otherwise 1 second on a rate limit, so that clients that honour it
	 * retry at once.
	 * @param requestedSeconds the {@code retry_after} directive, 0 when not given
	 * @return seconds, or 0 for no header
	 */
	public int retryAfterSeconds(int requestedSeconds) {
		if (requestedSeconds > 0) {
			return requestedSeconds;
		}
		return (this.kind == ErrorKind.RATE_LIMIT) ? 1 : 0;
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
