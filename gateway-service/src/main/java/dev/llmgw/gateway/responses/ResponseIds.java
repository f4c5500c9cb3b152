package dev.llmgw.gateway.responses;

import java.util.concurrent.ThreadLocalRandom;

import dev.llmgw.gateway.error.BadRequestError;

/**
 * Ids in OpenAI's shapes ({@code resp_...}, {@code msg_...}, {@code fc_...},
 * {@code rs_...}): a prefix and 48 random hex digits, drawn without blocking (event
 * loops). A response id is also the key of its stored row; 192 random bits make it
 * unguessable, though ownership is checked on every read anyway.
 */
final class ResponseIds {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private ResponseIds() {
	}

	static String next(String prefix) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		StringBuilder id = new StringBuilder(prefix.length() + 49).append(prefix).append('_');
		for (int i = 0; i < 3; i++) {
			long bits = random.nextLong();
			for (int shift = 60; shift >= 0; shift -= 4) {
				id.append(HEX[(int) (bits >>> shift) & 0xF]);
			}
		}
		return id.toString();
	}

	/**
	 * A caller's response id, checked before it reaches a query or a message: at most 128
	 * letters, digits, {@code _} and {@code -}.
	 * @param field where the id came from, for the 400
	 */
	static String check(String field, String id) {
		boolean fits = !id.isEmpty() && id.length() <= 128;
		for (int i = 0; fits && i < id.length(); i++) {
			char c = id.charAt(i);
			fits = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
		}
		if (!fits) {
			throw new BadRequestError(
					"Invalid '" + field + "': a response id is at most 128 letters, digits, " + "'_' and '-'.", null,
					field);
		}
		return id;
	}

}
