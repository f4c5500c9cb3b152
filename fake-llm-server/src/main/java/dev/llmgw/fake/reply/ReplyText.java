package dev.llmgw.fake.reply;

import java.util.function.Supplier;

import dev.llmgw.fake.directive.Directives;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the text of a reply, the same way for every provider shape.
 */
public final class ReplyText {

	public static final String NO_USER_MESSAGE = "Hello from the fake LLM server";

	private static final String ECHO_PREFIX = "You said: ";

	private ReplyText() {
	}

	/**
	 * The {@code reply} directive first, then the raw request body under {@code echo} (so
	 * tests can see what the gateway forwarded), then an echo of the last user message.
	 * @param lastUserText the text of the last user message, or null when there is none
	 * @param rawBody the request body as received
	 */
	public static String choose(Directives directives, @Nullable String lastUserText, Supplier<String> rawBody) {
		String reply = directives.reply();
		if (reply != null) {
			return reply;
		}
		if (directives.echo()) {
			return rawBody.get();
		}
		return (lastUserText != null) ? ECHO_PREFIX + lastUserText : NO_USER_MESSAGE;
	}

}
