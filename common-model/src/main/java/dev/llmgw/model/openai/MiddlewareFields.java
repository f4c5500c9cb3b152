package dev.llmgw.model.openai;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The chat request fields only the middleware acts on (shared/spec/middleware.md): chat
 * history ({@code enable_history}, {@code session_id}) and a managed prompt's ARN as the
 * model. One definition for the gateway, which hands such requests to the middleware, and
 * the middleware, which serves them, so that the two never disagree on which request is
 * whose.
 */
public final class MiddlewareFields {

	/** Starts a history session. */
	public static final String ENABLE_HISTORY = "enable_history";

	/** Continues one. */
	public static final String SESSION_ID = "session_id";

	private static final String PROMPT_ARN_PREFIX = "arn:aws:bedrock:";

	/** What a managed prompt's ARN holds after its account. */
	public static final String PROMPT_MARKER = ":prompt/";

	private static final List<byte[]> MARKERS = List.of(ascii(PROMPT_MARKER), ascii(ENABLE_HISTORY), ascii(SESSION_ID));

	private MiddlewareFields() {
	}

	/**
	 * Whether a body mentions any of the fields anywhere: a byte scan, so that the bodies
	 * that do not (nearly all) are never parsed for them.
	 */
	public static boolean mentionedIn(byte[] body) {
		for (byte[] marker : MARKERS) {
			if (indexOf(body, marker) >= 0) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a model names a managed prompt:
	 * {@code arn:aws:bedrock:<region>:<account>:prompt/<id>[:<version>]}.
	 */
	public static boolean isPromptArn(@Nullable String model) {
		return model != null && model.startsWith(PROMPT_ARN_PREFIX) && model.contains(PROMPT_MARKER);
	}

	private static int indexOf(byte[] data, byte[] wanted) {
		byte first = wanted[0];
		outer: for (int i = 0; i <= data.length - wanted.length; i++) {
			if (data[i] != first) {
				continue;
			}
			for (int j = 1; j < wanted.length; j++) {
				if (data[i + j] != wanted[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
